#include "xml_markup.hpp"

#include "portreg/text.hpp"
#include "portreg/xml_text.hpp"

#include <string_view>

namespace portreg {

namespace {

// Elements that render as white space (render.hpp): white space beside
// them is theirs, so that releases that differ only there keep one version.
bool is_break(std::string_view name) {
    return name == "br" || name == "paragraph" || name == "artwork";
}

class MarkupWriter {
public:
    std::string take() {
        trim_ws(out_);
        return std::move(out_);
    }

    void content(const pugi::xml_node& element) {
        text(element.value()); // embedded text, before the children
        for (auto c : element.children()) {
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)
                text(c.value());
            else if (c.type() == pugi::node_element)
                this->element(c);
        }
    }

private:
    std::string out_;
    bool after_break_ = false;

    void text(std::string_view value) {
        if (after_break_) {
            while (!value.empty() && is_ws(value.front()))
                value.remove_prefix(1);
            if (value.empty()) return;
            after_break_ = false;
        }
        append_xml_folded(out_, value);
    }

    void element(const pugi::xml_node& element) {
        const bool breaks = is_break(element.name());
        if (breaks) drop_space();
        out_ += '<';
        out_ += element.name();
        for (auto a : element.attributes()) {
            out_ += ' ';
            out_ += a.name();
            out_ += "=\"";
            append_xml_escaped(out_, normalize_ws(a.value()), true);
            out_ += '"';
        }
        if (!*element.value() && !element.first_child()) {
            out_ += "/>";
        } else {
            out_ += '>';
            after_break_ = breaks;
            content(element);
            if (breaks) drop_space();
            out_ += "</";
            out_ += element.name();
            out_ += '>';
        }
        after_break_ = breaks;
    }

    void drop_space() {
        if (!out_.empty() && out_.back() == ' ') out_.pop_back();
    }
};

} // namespace

std::string inner_xml(const pugi::xml_node& element) {
    bool has_element = false;
    for (auto c : element.children())
        has_element = has_element || c.type() == pugi::node_element;
    if (!has_element) return {};
    MarkupWriter writer;
    writer.content(element);
    return writer.take();
}

} // namespace portreg
