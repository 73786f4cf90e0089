#include "terminal_table.hpp"

#include <algorithm>
#include <functional>

namespace portreg::query {

std::size_t columns_of(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string shortened(const std::string& text, std::size_t width) {
    if (columns_of(text) <= width) return text;
    std::string out;
    std::size_t cols = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((text[i] & 0xC0) != 0x80 && ++cols == width) break;
        out.push_back(text[i]);
    }
    while (!out.empty() && (out.back() & 0xC0) == 0x80)
        out.pop_back();
    return out + "\xE2\x80\xA6";
}

namespace {

std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::size_t pos = 0;
    while ((pos = text.find_first_not_of(' ', pos)) != std::string::npos) {
        auto end = std::min(text.find(' ', pos), text.size());
        words.push_back(text.substr(pos, end - pos));
        pos = end;
    }
    return words;
}

std::size_t longest_word(const std::string& text) {
    std::size_t longest = 0;
    for (const auto& word : words_of(text))
        longest = std::max(longest, columns_of(word));
    return longest;
}

// `text` in lines of at most `width` columns, broken between words; a word
// longer than that stands alone on its line.
std::vector<std::string> wrapped(const std::string& text, std::size_t width) {
    std::vector<std::string> lines(1);
    for (const auto& word : words_of(text)) {
        auto& line = lines.back();
        if (line.empty())
            line = word;
        else if (columns_of(line) + 1 + columns_of(word) <= width)
            line += ' ' + word;
        else
            lines.push_back(word);
    }
    return lines;
}

struct ColumnWidths {
    std::vector<std::size_t> natural, floor, current;
};

ColumnWidths measured(const Table& table) {
    const auto n = table.header.size();
    ColumnWidths w{std::vector<std::size_t>(n), std::vector<std::size_t>(n), {}};
    for (std::size_t c = 0; c < n; ++c) {
        w.natural[c] = columns_of(table.header[c]);
        w.floor[c] = longest_word(table.header[c]);
        for (const auto& row : table.rows) {
            w.natural[c] = std::max(w.natural[c], columns_of(row[c]));
            w.floor[c] = std::max(w.floor[c], longest_word(row[c]));
        }
        if (table.fit(c) == Fit::shorten) w.floor[c] = std::min<std::size_t>(w.natural[c], 8);
    }
    w.current = w.natural;
    return w;
}

// Narrows the widest column that is wider than `lowest` of it, one column
// at a time, until the table fits `line` or none may narrow further.
void narrow(ColumnWidths& w, std::size_t line,
            const std::function<std::size_t(std::size_t)>& lowest) {
    std::size_t total = 2 * (w.current.size() - 1);
    for (auto width : w.current)
        total += width;
    while (total > line) {
        std::size_t widest = w.current.size();
        for (std::size_t c = 0; c < w.current.size(); ++c)
            if (w.current[c] > lowest(c) &&
                (widest == w.current.size() || w.current[c] > w.current[widest]))
                widest = c;
        if (widest == w.current.size()) return;
        --w.current[widest];
        --total;
    }
}

std::vector<std::size_t> fitted_widths(const Table& table, std::size_t line) {
    auto w = measured(table);
    constexpr std::size_t never = static_cast<std::size_t>(-1);
    auto shortened_to = [&](std::size_t least) {
        return [&, least](std::size_t c) {
            return table.fit(c) == Fit::shorten ? std::max(w.floor[c], least) : never;
        };
    };
    narrow(w, line, shortened_to(16));
    narrow(w, line, [&](std::size_t c) { return table.fit(c) == Fit::wrap ? w.floor[c] : never; });
    narrow(w, line, shortened_to(0));
    return w.current;
}

void write_row(std::ostream& out, const Table& table, const std::vector<std::string>& cells,
               const std::vector<std::size_t>& widths) {
    std::vector<std::vector<std::string>> lines_of_cells;
    std::size_t height = 1;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        lines_of_cells.push_back(table.fit(c) == Fit::wrap
                                     ? wrapped(cells[c], widths[c])
                                     : std::vector<std::string>{shortened(cells[c], widths[c])});
        height = std::max(height, lines_of_cells.back().size());
    }
    for (std::size_t l = 0; l < height; ++l) {
        std::string text;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const auto& lines = lines_of_cells[c];
            const std::string cell = l < lines.size() ? lines[l] : std::string();
            text += cell;
            if (c + 1 < cells.size())
                text += std::string(widths[c] - std::min(widths[c], columns_of(cell)) + 2, ' ');
        }
        while (!text.empty() && text.back() == ' ')
            text.pop_back();
        out << text << '\n';
    }
}

} // namespace

void write_aligned(std::ostream& out, const Table& table, int width) {
    const auto widths = fitted_widths(table, static_cast<std::size_t>(std::max(width, 40)));
    write_row(out, table, table.header, widths);
    std::vector<std::string> rule;
    for (auto w : widths)
        rule.emplace_back(w, '-');
    write_row(out, table, rule, widths);
    for (const auto& row : table.rows)
        write_row(out, table, row, widths);
}

} // namespace portreg::query
