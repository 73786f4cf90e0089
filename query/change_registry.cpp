#include "change_engine.hpp"

#include "portreg/render.hpp"

#include <algorithm>

namespace portreg::query {

namespace {

std::string with_xrefs(const std::string& text, const std::vector<Xref>& xrefs) {
    std::string out = text;
    for (const auto& x : xrefs)
        append_rendered_xref(out, x);
    return out;
}

void compare(std::vector<RegistryChange>& out, const std::string& what, const std::string& a,
             const std::string& b) {
    if (a != b) out.push_back({what, a, b});
}

} // namespace

std::vector<RegistryChange> registry_changes(const RegistryMeta& from, const RegistryMeta& to) {
    std::vector<RegistryChange> out;
    compare(out, "title", from.title, to.title);
    compare(out, "category", from.category, to.category);
    compare(out, "expert", from.expert, to.expert);
    compare(out, "references", with_xrefs("", from.xrefs), with_xrefs("", to.xrefs));
    for (std::size_t i = 0; i < std::max(from.notes.size(), to.notes.size()); ++i) {
        auto text = [&](const std::vector<RegistryNote>& notes) {
            if (i >= notes.size()) return std::string();
            const auto& n = notes[i];
            return (n.title.value_or("").empty() ? "" : *n.title + ": ") +
                   with_xrefs(n.text, n.xrefs);
        };
        compare(out, "note " + std::to_string(i + 1), text(from.notes), text(to.notes));
    }
    for (std::size_t i = 0; i < std::max(from.footnotes.size(), to.footnotes.size()); ++i) {
        auto text = [&](const std::vector<Footnote>& notes) {
            if (i >= notes.size()) return std::string();
            return "[" + notes[i].anchor + "] " + with_xrefs(notes[i].text, notes[i].xrefs);
        };
        compare(out, "footnote " + std::to_string(i + 1), text(from.footnotes), text(to.footnotes));
    }
    return out;
}

} // namespace portreg::query
