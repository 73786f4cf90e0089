#include "xml_compare.hpp"
#include "reference_text.hpp"

#include <pugixml.hpp>

#include <map>
#include <vector>

namespace portreg::test {

namespace {

// A child that counts: an element, or the folded text between elements.
struct Child {
    pugi::xml_node element; // empty for a text
    std::string text;
};

std::vector<Child> children_of(pugi::xml_node node) {
    std::vector<Child> out;
    std::string pending; // text and CDATA next to each other read as one text
    auto flush = [&] {
        if (auto text = folded(pending); !text.empty()) out.push_back({{}, text});
        pending.clear();
    };
    for (auto child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
            pending += child.value();
        else if (child.type() == pugi::node_element) {
            flush();
            out.push_back({child, {}});
        }
    }
    flush();
    return out;
}

std::map<std::string, std::string> attributes_of(pugi::xml_node node) {
    std::map<std::string, std::string> out;
    for (auto a : node.attributes())
        out[a.name()] = folded(a.value());
    return out;
}

// Built only for a difference: counting siblings for every element compared
// would make the comparison quadratic in the records.
std::string path_of(pugi::xml_node node) {
    std::string path;
    for (; node.type() == pugi::node_element; node = node.parent()) {
        std::string step = std::string("/") + node.name();
        if (node.previous_sibling(node.name()) || node.next_sibling(node.name())) {
            int index = 1;
            for (auto s = node.previous_sibling(node.name()); s; s = s.previous_sibling(s.name()))
                ++index;
            step += "[" + std::to_string(index) + "]";
        }
        path = step + path;
    }
    return path;
}

std::string describe(const Child& c) {
    return c.element ? std::string("<") + c.element.name() + ">" : "text \"" + c.text + "\"";
}

std::string attribute_difference(pugi::xml_node a, pugi::xml_node b) {
    auto as = attributes_of(a), bs = attributes_of(b);
    if (as == bs) return {};
    auto value = [](const auto& set, const std::string& name) {
        auto it = set.find(name);
        return it == set.end() ? std::string("(missing)") : "\"" + it->second + "\"";
    };
    for (const auto* set : {&as, &bs})
        for (const auto& [name, ignored] : *set)
            if (value(as, name) != value(bs, name))
                return path_of(a) + ": attribute " + name + ": " + value(as, name) + " vs " +
                       value(bs, name);
    return {};
}

std::string element_difference(pugi::xml_node a, pugi::xml_node b) {
    if (std::string_view(a.name()) != b.name())
        return path_of(a) + ": element <" + a.name() + "> vs <" + b.name() + ">";
    if (auto d = attribute_difference(a, b); !d.empty()) return d;
    auto as = children_of(a), bs = children_of(b);
    if (as.size() != bs.size())
        return path_of(a) + ": " + std::to_string(as.size()) + " children vs " +
               std::to_string(bs.size());
    for (std::size_t i = 0; i < as.size(); ++i) {
        if (!as[i].element != !bs[i].element || as[i].text != bs[i].text)
            return path_of(a) + ": child " + std::to_string(i + 1) + ": " + describe(as[i]) +
                   " vs " + describe(bs[i]);
        if (as[i].element)
            if (auto d = element_difference(as[i].element, bs[i].element); !d.empty()) return d;
    }
    return {};
}

} // namespace

std::string xml_difference(std::string_view a, std::string_view b) {
    pugi::xml_document da, db;
    if (auto r = da.load_buffer(a.data(), a.size(), pugi::parse_default); !r)
        return std::string("first document does not parse: ") + r.description();
    if (auto r = db.load_buffer(b.data(), b.size(), pugi::parse_default); !r)
        return std::string("second document does not parse: ") + r.description();
    return element_difference(da.document_element(), db.document_element());
}

} // namespace portreg::test
