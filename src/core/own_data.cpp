// Own data (own_data.h): reading and writing the CSV of a learner's points, and the dataset made
// from them. Every refusal names the row and column; nothing is kept from a refused text.
#include "core/own_data.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "core/playground.h"
#include "core/playground_internal.h"

namespace bp {

using playground_detail::Echo;
using playground_detail::FormatG;
using playground_detail::FormatNumber;
using playground_detail::ParseDecimal;
using playground_detail::SplitList;
using playground_detail::Trim;

namespace {

enum class Layout { kUnknown, kClasses2d, kCurve, kSurface };

const char* LayoutHeader(Layout layout) {
  switch (layout) {
    case Layout::kClasses2d: return "x1,x2,label";
    case Layout::kCurve: return "x,y";
    case Layout::kSurface: return "x1,x2,y";
    case Layout::kUnknown: break;
  }
  return "";
}

int LayoutColumns(Layout layout) { return layout == Layout::kCurve ? 2 : 3; }

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The layout a header names, or kUnknown.
Layout HeaderLayout(const std::vector<std::string>& cells) {
  std::vector<std::string> names;
  for (const std::string& cell : cells) names.push_back(Lower(cell));
  auto is = [&](size_t i, std::initializer_list<const char*> options) {
    return std::any_of(options.begin(), options.end(), [&](const char* option) { return names[i] == option; });
  };
  if (names.size() == 2 && is(0, {"x", "x1"}) && is(1, {"y", "target", "value"})) return Layout::kCurve;
  if (names.size() == 3 && is(0, {"x1"}) && is(1, {"x2"})) {
    if (is(2, {"label", "class"})) return Layout::kClasses2d;
    if (is(2, {"y", "target", "value"})) return Layout::kSurface;
  }
  return Layout::kUnknown;
}

bool IsWholeLabel(double value) { return value >= 0.0 && value < kMaxClasses && value == std::floor(value); }

struct Row {
  int number = 0;  // as the learner counts it
  std::vector<std::string> cells;
};

class Problems {
 public:
  Problems(const CsvPlace& place, std::vector<CsvProblem>* out) : place_(place), out_(out) {}
  void Add(int row, int column, const std::string& what) {
    ++count_;
    if (static_cast<int>(list_.size()) >= kMaxOwnCsvProblems) return;
    std::string message = what;
    if (row > 0) {
      message = std::string(place_.row_word) + " " + std::to_string(row) +
                (column > 0 ? ", column " + std::to_string(column) : std::string()) + ": " + what;
    }
    list_.push_back({row, column, message, what});
  }
  bool empty() const { return count_ == 0; }
  std::string Text() const {
    std::string text;
    for (const CsvProblem& p : list_) text += (text.empty() ? "" : "; ") + p.message;
    if (count_ > static_cast<int>(list_.size())) {
      text += "; and " + std::to_string(count_ - static_cast<int>(list_.size())) + " more";
    }
    return text + ".";
  }
  // The problems listed, and one more entry saying how many were left out (row 0).
  void Give() {
    if (out_ == nullptr) return;
    *out_ = list_;
    const int more = count_ - static_cast<int>(list_.size());
    if (more > 0) {
      const std::string what = "and " + std::to_string(more) + " more problem" + (more == 1 ? "" : "s") + " like these";
      out_->push_back({0, 0, what, what});
    }
  }

 private:
  const CsvPlace& place_;
  std::vector<CsvProblem>* out_;
  std::vector<CsvProblem> list_;
  int count_ = 0;
};

// Checks the values of a whole data set once read: coordinates, targets, labels.
void CheckValues(const Eigen::MatrixXd& X, const std::vector<double>& y, bool regression, const std::vector<int>& rows,
                 Problems* problems) {
  const int d = static_cast<int>(X.rows());
  for (int n = 0; n < static_cast<int>(X.cols()); ++n) {
    for (int i = 0; i < d; ++i) {
      if (std::fabs(X(i, n)) > kMaxPointCoordinate) {
        problems->Add(rows[n], i + 1,
                      "the coordinate " + FormatNumber(X(i, n)) + " is outside " + FormatG(-kMaxPointCoordinate) +
                          " to " + FormatG(kMaxPointCoordinate) +
                          " (the plane shows about -1 to 1: scale the data into that range)");
      }
    }
    if (regression && std::fabs(y[n]) > kMaxOwnTarget) {
      problems->Add(rows[n], d + 1,
                    "the target " + FormatNumber(y[n]) + " is outside " + FormatG(-kMaxOwnTarget) + " to " +
                        FormatG(kMaxOwnTarget));
    }
    if (!regression && !IsWholeLabel(y[n])) {
      problems->Add(rows[n], d + 1,
                    "the label " + FormatNumber(y[n]) + " is not a class: a class is a whole number from 0 to " +
                        std::to_string(kMaxClasses - 1));
    }
  }
  if (regression || !problems->empty()) return;
  int K = 0;
  for (double label : y) K = std::max(K, static_cast<int>(label) + 1);
  if (K < kMinClasses) {
    problems->Add(0, 0, "every point has class 0; a classification needs at least two classes (labels 0 and 1)");
    return;
  }
  for (int k = 0; k < K; ++k) {
    if (std::find(y.begin(), y.end(), static_cast<double>(k)) == y.end()) {
      problems->Add(0, 0,
                    "no point has class " + std::to_string(k) + ", but class " + std::to_string(K - 1) +
                        " is used; the classes are numbered 0 to K-1 with every class used");
      return;
    }
  }
}

OwnPoints Assemble(Eigen::MatrixXd X, std::vector<double> y, bool regression) {
  OwnPoints points;
  points.X = std::move(X);
  points.y = std::move(y);
  points.regression = regression;
  points.num_classes = 0;
  if (!regression) {
    for (double label : points.y) points.num_classes = std::max(points.num_classes, static_cast<int>(label) + 1);
  }
  const int d = static_cast<int>(points.X.rows());
  points.header = regression ? (d == 1 ? "x,y" : "x1,x2,y") : "x1,x2,label";
  return points;
}

}  // namespace

Result<OwnPoints> ParseOwnCsv(const std::string& text, const CsvPlace& place, std::vector<CsvProblem>* out) {
  using R = Result<OwnPoints>;
  Problems problems(place, out);
  if (text.size() > kMaxOwnCsvBytes) {
    problems.Add(0, 0,
                 "the data is " + std::to_string(text.size()) + " bytes; the limit is " +
                     std::to_string(kMaxOwnCsvBytes) + " bytes");
    problems.Give();
    return R::Error(problems.Text());
  }
  // The rows that hold something, with their numbers.
  std::vector<Row> rows;
  int number = place.first_row;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(place.row_separator, start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string trimmed = Trim(line);
    if (!trimmed.empty() && trimmed[0] != '#') {
      // One past the limit is enough to refuse (a header row comes on top).
      if (static_cast<int>(rows.size()) > kMaxPoints + 1) break;
      rows.push_back({number, SplitList(trimmed)});
    }
    ++number;
    start = end + 1;
  }
  if (rows.empty()) {
    problems.Add(0, 0, "there are no points: write one point per row, as x1,x2,label or x,y or x1,x2,y");
    problems.Give();
    return R::Error(problems.Text());
  }
  // The header, when the first row has a cell that is not a number.
  Layout layout = Layout::kUnknown;
  const bool has_header = std::any_of(rows[0].cells.begin(), rows[0].cells.end(),
                                      [](const std::string& cell) { return !ParseDecimal(cell).has_value(); });
  if (has_header) {
    layout = HeaderLayout(rows[0].cells);
    if (layout == Layout::kUnknown) {
      std::string found;
      for (const std::string& cell : rows[0].cells) found += (found.empty() ? "" : ",") + cell;
      problems.Add(rows[0].number, 0,
                   "the header " + Echo(found) + " is not one of x1,x2,label (classes), x,y or x1,x2,y (regression)");
      problems.Give();
      return R::Error(problems.Text());
    }
    rows.erase(rows.begin());
  }
  if (rows.empty()) {
    problems.Add(0, 0, "there is a header but no point under it");
    problems.Give();
    return R::Error(problems.Text());
  }
  if (static_cast<int>(rows.size()) > kMaxPoints) {
    problems.Add(
        0, 0,
        "there are more than " + std::to_string(kMaxPoints) + " points; the limit is " + std::to_string(kMaxPoints));
    problems.Give();
    return R::Error(problems.Text());
  }
  const int columns = layout != Layout::kUnknown ? LayoutColumns(layout) : static_cast<int>(rows[0].cells.size());
  if (layout == Layout::kUnknown && columns != 2 && columns != 3) {
    problems.Add(
        rows[0].number, 0,
        "a point has 2 values (x,y) or 3 (x1,x2,label or x1,x2,y), but this row has " + std::to_string(columns));
    problems.Give();
    return R::Error(problems.Text());
  }
  // The numbers.
  const int N = static_cast<int>(rows.size());
  Eigen::MatrixXd values(columns, N);
  std::vector<int> row_numbers;
  for (int n = 0; n < N; ++n) {
    const Row& row = rows[n];
    row_numbers.push_back(row.number);
    if (static_cast<int>(row.cells.size()) != columns) {
      problems.Add(row.number, 0,
                   "this row has " + std::to_string(row.cells.size()) + (row.cells.size() == 1 ? " value" : " values") +
                       ", but the points have " + std::to_string(columns) +
                       (layout != Layout::kUnknown ? std::string(" (") + LayoutHeader(layout) + ")" : std::string()));
      continue;
    }
    for (int c = 0; c < columns; ++c) {
      const std::optional<double> value = ParseDecimal(row.cells[c]);
      if (!value) {
        problems.Add(
            row.number, c + 1,
            row.cells[c].empty() ? std::string("the value is missing") : Echo(row.cells[c]) + " is not a number");
        values(c, n) = 0.0;
      } else {
        values(c, n) = *value;
      }
    }
  }
  if (!problems.empty()) {
    problems.Give();
    return R::Error(problems.Text());
  }
  if (layout == Layout::kUnknown) {
    bool labels = columns == 3;
    for (int n = 0; labels && n < N; ++n) labels = IsWholeLabel(values(2, n));
    layout = columns == 2 ? Layout::kCurve : labels ? Layout::kClasses2d : Layout::kSurface;
  }
  const bool regression = layout != Layout::kClasses2d;
  const int d = columns - 1;
  Eigen::MatrixXd X = values.topRows(d);
  std::vector<double> y(N);
  for (int n = 0; n < N; ++n) y[n] = values(d, n);
  CheckValues(X, y, regression, row_numbers, &problems);
  if (!problems.empty()) {
    problems.Give();
    return R::Error(problems.Text());
  }
  return R::Ok(Assemble(std::move(X), std::move(y), regression));
}

Result<OwnPoints> MakeOwnPoints(const Eigen::MatrixXd& X, const std::vector<double>& y, bool regression,
                                std::vector<CsvProblem>* out) {
  using R = Result<OwnPoints>;
  CsvPlace place;
  place.row_word = "point";
  place.first_row = 1;
  Problems problems(place, out);
  if (X.cols() < 1 || X.cols() > kMaxPoints || X.rows() < 1 || X.rows() > 2 || static_cast<int>(y.size()) != X.cols() ||
      (!regression && X.rows() != 2)) {
    return R::Error("own points need 1 to " + std::to_string(kMaxPoints) +
                    " points with 2 coordinates (classes) or 1 or 2 (regression) and one value each.");
  }
  if (!X.allFinite() || !std::all_of(y.begin(), y.end(), [](double v) { return std::isfinite(v); })) {
    return R::Error("own points must be finite numbers.");
  }
  std::vector<int> numbers(X.cols());
  for (int n = 0; n < static_cast<int>(X.cols()); ++n) numbers[n] = n + 1;
  CheckValues(X, y, regression, numbers, &problems);
  if (!problems.empty()) {
    problems.Give();
    return R::Error(problems.Text());
  }
  return R::Ok(Assemble(X, y, regression));
}

std::string WriteOwnCsv(const OwnPoints& points, char row_separator) {
  const int d = static_cast<int>(points.X.rows());
  std::string text = points.header;
  for (int n = 0; n < static_cast<int>(points.X.cols()); ++n) {
    text += row_separator;
    for (int i = 0; i < d; ++i) text += FormatNumber(points.X(i, n)) + ",";
    text += FormatNumber(points.y[n]);
  }
  if (row_separator == '\n') text += '\n';
  return text;
}

std::string WriteOwnCsv(const Dataset& data, char row_separator) {
  const int d = static_cast<int>(data.X.rows());
  std::string text = data.regression() ? (d == 1 ? "x,y" : "x1,x2,y") : "x1,x2,label";
  for (int n = 0; n < data.size(); ++n) {
    text += row_separator;
    for (int i = 0; i < d; ++i) text += FormatNumber(data.X(i, n)) + ",";
    text += data.regression() ? FormatNumber(data.T(0, n)) : std::to_string(data.labels[n]);
  }
  if (row_separator == '\n') text += '\n';
  return text;
}

Result<Dataset> MakeOwnDataset(const OwnPoints& points, TargetEncoding encoding) {
  using R = Result<Dataset>;
  Dataset data;
  data.kind = DatasetKind::kOwn;
  data.X = points.X;
  const int N = static_cast<int>(points.X.cols());
  if (points.regression) {
    data.num_classes = 0;
    data.labels.assign(N, -1);
    data.T.resize(1, N);
    for (int n = 0; n < N; ++n) data.T(0, n) = points.y[n];
  } else {
    data.num_classes = points.num_classes;
    data.encoding = encoding;
    for (double label : points.y) data.labels.push_back(static_cast<int>(label));
    Result<Eigen::MatrixXd> T = EncodeTargets(data.labels, data.num_classes, encoding);
    if (!T) return R::Error(T.error());
    data.T = std::move(T.value());
  }
  Status valid = CheckDataset(data);
  if (!valid) return R::Error(valid.error);
  return R::Ok(std::move(data));
}

Result<Dataset> MakeOwnDataset(const DatasetOptions& options) {
  if (options.own == nullptr) {
    return Result<Dataset>::Error("The own data has no points: load a CSV or a scenario with points.");
  }
  return MakeOwnDataset(*options.own, options.encoding);
}

}  // namespace bp
