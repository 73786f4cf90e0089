#include "xml_outline.hpp"

#include "portreg/text.hpp"

#include <cstring>

namespace portreg {
namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);

bool ends_name(char c) {
    return is_ws(c) || c == '>' || c == '/' || c == '=';
}

bool starts_name(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u == ':' || u >= 0x80;
}

// Reads tags one after another. Every '<' outside an attribute value starts
// markup in XML, and values may hold no '<', so reading from one '<' to the
// next never loses its place; what it does not know (comments, CDATA,
// processing instructions) ends the reading instead of being skipped.
class Outliner {
public:
    explicit Outliner(std::string_view b) : b_(b) {}

    std::optional<XmlOutline> run() {
        // More than there are (a record takes some 250 bytes); memory not
        // used is not touched.
        out_.records.reserve(b_.size() / 128);
        out_.people.reserve(b_.size() / 512);
        std::size_t i = prolog();
        if (i == none) return std::nullopt;
        while (true) {
            if (i >= b_.size() || b_[i] != '<') return std::nullopt;
            i = at(i + 1) == '/' ? end_tag(i) : start_tag(i);
            if (i == none) return std::nullopt;
            if (stack_.empty()) break; // the root is closed
            const void* lt = std::memchr(b_.data() + i, '<', b_.size() - i);
            if (!lt) return std::nullopt; // cut off
            i = static_cast<std::size_t>(static_cast<const char*>(lt) - b_.data());
        }
        for (; i < b_.size(); ++i)
            if (!is_ws(b_[i])) return std::nullopt;
        if (pending_) extent(pending_).next = b_.size();
        return std::move(out_);
    }

private:
    std::string_view b_;
    std::vector<std::string_view> stack_; // names of the open elements
    XmlOutline out_;
    // A extent of out_: in `records` or `people`, and which one.
    struct ExtentRef {
        std::vector<ElementExtent> XmlOutline::*extents = nullptr;
        std::size_t index = 0;
        explicit operator bool() const { return extents != nullptr; }
    };
    // The extent whose `next` the next start tag sets (extents do not nest, so
    // there is at most one), and the one whose end tag is awaited.
    ExtentRef pending_, open_;
    std::size_t open_depth_ = 0;
    std::size_t people_seen_ = 0;

    ElementExtent& extent(ExtentRef ref) { return (out_.*ref.extents)[ref.index]; }

    char at(std::size_t i) const { return i < b_.size() ? b_[i] : '\0'; }

    std::size_t skip_space(std::size_t i) const {
        while (i < b_.size() && is_ws(b_[i]))
            ++i;
        return i;
    }

    // Past what may come before the root.
    std::size_t prolog() const {
        const auto misc = skip_misc(b_, 0);
        return misc.unterminated ? none : misc.end;
    }

    std::size_t name_end(std::size_t i) const {
        while (i < b_.size() && !ends_name(b_[i]) && b_[i] != '<' && b_[i] != '"' && b_[i] != '\'')
            ++i;
        return i;
    }

    std::size_t end_tag(std::size_t lt) {
        const std::size_t from = lt + 2;
        const std::size_t to = name_end(from);
        const auto name = b_.substr(from, to - from);
        const std::size_t gt = skip_space(to);
        if (at(gt) != '>' || stack_.empty() || stack_.back() != name) return none;
        stack_.pop_back();
        if (open_ && stack_.size() == open_depth_) close_extent(gt + 1);
        return gt + 1;
    }

    std::size_t start_tag(std::size_t lt) {
        if (!starts_name(at(lt + 1))) return none; // "<!", "<?" among them
        const std::size_t from = lt + 1;
        std::size_t i = name_end(from);
        const auto name = b_.substr(from, i - from);
        bool empty = false;
        while (true) {
            const std::size_t space = i;
            i = skip_space(i);
            if (at(i) == '>') break;
            if (at(i) == '/') {
                if (at(i + 1) != '>') return none;
                empty = true;
                ++i;
                break;
            }
            if (i == space || !starts_name(at(i))) return none;
            i = skip_space(name_end(i));
            if (at(i) != '=') return none;
            i = skip_space(i + 1);
            const char quote = at(i);
            if (quote != '"' && quote != '\'') return none;
            const auto close = b_.find(quote, i + 1);
            if (close == std::string_view::npos ||
                b_.substr(i + 1, close - i - 1).find('<') != std::string_view::npos)
                return none;
            i = close + 1;
        }
        const std::size_t after = i + 1; // past the '>'
        if (pending_) {
            extent(pending_).next = lt;
            pending_ = {};
        }
        const std::size_t depth = stack_.size();
        if (depth == 0) {
            if (name != "registry") return none;
        } else if (depth == 1 && name == "record") {
            open_extent(&XmlOutline::records, lt, 0);
        } else if (depth == 2 && name == "person" && stack_[1] == "people") {
            open_extent(&XmlOutline::people, lt, people_seen_ - 1);
        } else if (depth == 1 && name == "people") {
            ++people_seen_;
        }
        if (empty) {
            if (depth == 0) return none; // <registry/>: nothing to outline
            if (open_ && depth == open_depth_) close_extent(after);
        } else {
            stack_.push_back(name);
        }
        return after;
    }

    void open_extent(std::vector<ElementExtent> XmlOutline::*extents, std::size_t lt,
                     std::size_t group) {
        (out_.*extents).push_back({lt, 0, 0, group});
        open_ = {extents, (out_.*extents).size() - 1};
        open_depth_ = stack_.size();
    }

    void close_extent(std::size_t end) {
        extent(open_).end = end;
        pending_ = open_;
        open_ = {};
    }
};

} // namespace

Misc skip_misc(std::string_view bytes, std::size_t from) {
    std::size_t i = from;
    while (i < bytes.size()) {
        if (is_ws(bytes[i])) {
            ++i;
            continue;
        }
        if (i == 0 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
            i = 3;
            continue;
        }
        const auto rest = bytes.substr(i);
        std::string_view close;
        if (rest.substr(0, 2) == "<?")
            close = "?>";
        else if (rest.substr(0, 4) == "<!--")
            close = "-->";
        else
            break;
        const auto end = rest.find(close, 2);
        if (end == std::string_view::npos) return {i, true};
        i += end + close.size();
    }
    return {i, false};
}

std::optional<XmlOutline> outline_registry(std::string_view bytes) {
    return Outliner(bytes).run();
}

} // namespace portreg
