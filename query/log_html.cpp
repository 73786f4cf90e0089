#include "log_html.hpp"

#include "html_page.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace portreg::query {

namespace {

constexpr double chart_width = 960, chart_height = 220, left = 56, right = 12, top = 14,
                 bottom = 30;

// Days since 1970-01-01 of a YYYY-MM-DD date (civil-day arithmetic), so
// that the charts place releases in time.
long day_number(const std::string& date) {
    long y = std::stol(date.substr(0, 4)), m = std::stol(date.substr(5, 2)),
         d = std::stol(date.substr(8, 2));
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

// Maps release dates to the chart's width.
class TimeAxis {
public:
    explicit TimeAxis(const std::vector<LogEntry>& e)
        : first_(day_number(e.front().registry_date)),
          last_(std::max(first_ + 1, day_number(e.back().registry_date))) {}
    double x(const std::string& date) const {
        return left + (chart_width - left - right) * double(day_number(date) - first_) /
                          double(last_ - first_);
    }
    // A line and a label at the first day of each year in the period.
    void write(std::ostream& out, const std::vector<LogEntry>& e) const {
        int from = std::stoi(e.front().registry_date.substr(0, 4)),
            to = std::stoi(e.back().registry_date.substr(0, 4));
        for (int year = from; year <= to; ++year) {
            auto jan1 = std::to_string(year) + "-01-01";
            if (day_number(jan1) < first_) continue;
            out << fmt::format("<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.0f}\" "
                               "y2=\"{2:.0f}\" stroke=\"#ddd\"/><text x=\"{0:.1f}\" "
                               "y=\"{3:.0f}\">{4}</text>\n",
                               x(jan1), top, chart_height - bottom, chart_height - bottom + 16,
                               year);
        }
    }

private:
    long first_, last_;
};

void write_value_axis(std::ostream& out, double low, double high) {
    for (double v : {low, (low + high) / 2, high}) {
        double y = chart_height - bottom - (v - low) / (high - low) * (chart_height - top - bottom);
        out << fmt::format("<line x1=\"{0:.0f}\" x2=\"{1:.0f}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" "
                           "stroke=\"#eee\"/><text x=\"4\" y=\"{3:.1f}\">{4:.0f}</text>\n",
                           left, chart_width - right, y, y + 4, v);
    }
}

void write_changes_chart(std::ostream& out, const std::vector<LogEntry>& e) {
    long most = 1;
    for (const auto& r : e)
        most = std::max(most, r.added + r.removed + r.changed);
    double scale = (chart_height - top - bottom) / double(most);
    double bar = std::clamp((chart_width - left - right) / double(e.size() + 1) * 0.8, 1.0, 12.0);
    out << fmt::format("<svg role=\"img\" aria-label=\"record changes per release\" "
                       "viewBox=\"0 0 {0:.0f} {1:.0f}\" width=\"100%\">\n",
                       chart_width, chart_height);
    write_value_axis(out, 0, double(most));
    TimeAxis axis(e);
    axis.write(out, e);
    for (std::size_t i = 0; i < e.size(); ++i) {
        double y = chart_height - bottom;
        double x = axis.x(e[i].registry_date) - bar / 2;
        for (auto [n, colour] :
             {std::pair{e[i].added, "#2e8b3e"}, std::pair{e[i].changed, "#d49a1c"},
              std::pair{e[i].removed, "#c0392b"}}) {
            if (n == 0) continue;
            double h = double(n) * scale;
            y -= h;
            out << fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                               "fill=\"{}\"><title>{} {}</title></rect>\n",
                               x, y, bar, h, colour, e[i].registry_date, n);
        }
    }
    out << "</svg>\n<p class=\"muted\"><span style=\"color:#2e8b3e\">&#9632;</span> added "
           "<span style=\"color:#d49a1c\">&#9632;</span> changed "
           "<span style=\"color:#c0392b\">&#9632;</span> removed</p>\n";
}

void write_size_chart(std::ostream& out, const std::vector<LogEntry>& e) {
    long low = e.front().records, high = e.front().records;
    for (const auto& r : e) {
        low = std::min(low, r.records);
        high = std::max(high, r.records);
    }
    if (high == low) ++high;
    out << fmt::format("<svg role=\"img\" aria-label=\"records per release\" "
                       "viewBox=\"0 0 {0:.0f} {1:.0f}\" width=\"100%\">\n",
                       chart_width, chart_height);
    write_value_axis(out, double(low), double(high));
    TimeAxis axis(e);
    axis.write(out, e);
    out << "<polyline fill=\"none\" stroke=\"#2857a4\" stroke-width=\"2\" points=\"";
    for (std::size_t i = 0; i < e.size(); ++i)
        out << fmt::format("{:.1f},{:.1f} ", axis.x(e[i].registry_date),
                           chart_height - bottom -
                               double(e[i].records - low) / double(high - low) *
                                   (chart_height - top - bottom));
    out << "\"/>\n</svg>\n";
}

} // namespace

void write_log_html(std::ostream& out, const std::vector<LogEntry>& e, const Table& table) {
    std::string period = e.empty() ? "" : e.front().registry_date + " to " + e.back().registry_date;
    write_html_head(out, "IANA port registry releases " + period);
    out << "<h1>IANA port registry releases, " << html_escape(period) << "</h1>\n<p>" << e.size()
        << " releases.</p>\n";
    if (!e.empty()) {
        out << "<h2>Record changes per release</h2>\n";
        write_changes_chart(out, e);
        out << "<h2>Registry size</h2>\n";
        write_size_chart(out, e);
    }
    out << "<h2>Releases</h2>\n";
    write_html_table(out, table);
    write_html_tail(out);
}

} // namespace portreg::query
