// Own data: points that come from outside rather than from a generator — a learner's CSV (file,
// drop or paste), a scenario's list, a link's short list — as the playground's "own" dataset
// (DatasetKind::kOwn) and as the perceptron lessons' points.
//
// The CSV: one point per row, values separated by commas, spaces around them ignored, empty rows
// and rows starting with '#' skipped.
//   x1,x2,label   classification in the plane, label a whole number 0..K-1 (K from 2 to 6, every
//                 class used)
//   x,y           regression of a curve (x may also be called x1)
//   x1,x2,y       regression of a surface
// The header row is optional. Without one, two columns are x,y; three columns are x1,x2,label when
// every third value is a whole number from 0 to 5, otherwise x1,x2,y. Coordinates lie in
// [-kMaxPointCoordinate, kMaxPointCoordinate] (the plane shows about [-1, 1]), regression targets
// in [-kMaxOwnTarget, kMaxOwnTarget]; at most kMaxPoints rows.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/dataset.h"
#include "core/result.h"

namespace bp {

constexpr double kMaxOwnTarget = 1000.0;
constexpr size_t kMaxOwnCsvBytes = 2 * 1024 * 1024;
constexpr int kMaxOwnCsvProblems = 8;  // a refusal lists at most this many problems

struct OwnPoints {
  Eigen::MatrixXd X;      // (d, N), d = 1 or 2
  std::vector<double> y;  // (N): the class (a whole number) or the target value
  bool regression = false;
  int num_classes = 0;  // K (classification), 0 for regression
  std::string header;   // the columns' names as read or implied: "x1,x2,label", "x,y", "x1,x2,y"
};

// Where the CSV's rows are counted from and what they are called in messages: a file's rows are
// "row 1", "row 2"...; a CSV inside a scenario file reports the file's lines ("line 14").
struct CsvPlace {
  const char* row_word = "row";
  int first_row = 1;          // the number of the text's first row
  char row_separator = '\n';  // a link's short list separates rows with ';'
};

// One problem of a refused CSV, with its row (0: the whole text) and column (0: the whole row).
struct CsvProblem {
  int row = 0;
  int column = 0;
  std::string message;  // "row 7, column 2: 'abc' is not a number"
  std::string what;     // the same without the place: "'abc' is not a number"
};

// Reads the CSV. All or nothing: on refusal `problems` (optional) receives up to kMaxOwnCsvProblems
// problems and the error joins them in one text.
Result<OwnPoints> ParseOwnCsv(const std::string& text, const CsvPlace& place = CsvPlace(),
                              std::vector<CsvProblem>* problems = nullptr);

// Own points from numbers already read (a scenario's list): the same checks as a CSV's rows, with
// messages naming "point n" (from 1); `problems` (optional) gets them with row = n, column = the
// value's place in the point (from 1).
Result<OwnPoints> MakeOwnPoints(const Eigen::MatrixXd& X, const std::vector<double>& y, bool regression,
                                std::vector<CsvProblem>* problems = nullptr);

// A dataset as CSV text with a header: every point, one per row, numbers written so that they read
// back exactly (ParseOwnCsv of it gives the same points and classes). Rows separated by '\n', or by
// ';' for a link (no final separator then).
std::string WriteOwnCsv(const Dataset& data, char row_separator = '\n');
std::string WriteOwnCsv(const OwnPoints& points, char row_separator = '\n');

// The dataset of own points, targets in `encoding` (classification). Used by MakeDataset for kOwn.
Result<Dataset> MakeOwnDataset(const DatasetOptions& options);
Result<Dataset> MakeOwnDataset(const OwnPoints& points, TargetEncoding encoding);

}  // namespace bp
