// The typical mistakes of each quantity, computed from the trace (see predict.h).
#include "app/session/predict.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "app/session/format.h"

namespace bp {

namespace {
// A value as the stepper shows it with `digits` significant digits, read back (Num's rounding).
double Shown(double value, int digits) {
  if (!std::isfinite(value) || digits >= 17) return value;
  char text[64];
  std::snprintf(text, sizeof text, "%.*g", std::max(digits, 1), value);
  return std::strtod(text, nullptr);
}

double DerivativeAt(const Layer& layer, double x) {
  return ActivationDerivative(layer.activation, x, Activate(layer.activation, x, layer.params), layer.params);
}

// ∂L/∂a of hidden neuron j computed with the next layer's weights after the update.
double DownstreamWithNewWeights(const StepTrace& trace, int layer, int neuron) {
  const Layer& next = trace.after.layers[layer + 1];
  double sum = 0.0;
  for (int k = 0; k < next.outputs(); ++k) sum += trace.layers[layer + 1].neurons[k].delta(0) * next.W(k, neuron);
  return sum;
}

bool PlainSgd(const OptimizerConfig& config) {
  return config.kind == OptimizerKind::kSgd && config.l1 == 0.0 && config.l2 == 0.0;
}
}  // namespace

const char* PredictQuantityName(PredictQuantity what) {
  switch (what) {
    case PredictQuantity::kZ: return "z";
    case PredictQuantity::kA: return "a";
    case PredictQuantity::kLossTerm: return "lossTerm";
    case PredictQuantity::kLoss: return "loss";
    case PredictQuantity::kDerivative: return "derivative";
    case PredictQuantity::kDlDa: return "dLda";
    case PredictQuantity::kDelta: return "delta";
    case PredictQuantity::kDlDw: return "dLdw";
    case PredictQuantity::kDlDb: return "dLdb";
    case PredictQuantity::kNewWeight: return "newWeight";
    case PredictQuantity::kNewBias: return "newBias";
  }
  return "";
}

PredictionQuestion AskPrediction(const StepTrace& trace, const Eigen::VectorXd& t, PredictQuantity what, int layer,
                                 int neuron, int input, int digits) {
  PredictionQuestion q;
  auto r = [digits](double value) { return Shown(value, digits); };
  const Layer& weights = trace.before.layers[layer];
  const NeuronTrace& n = trace.layers[layer].neurons[neuron];
  const bool output = layer + 1 == static_cast<int>(trace.before.layers.size());
  const bool half_squared = trace.before.loss == Loss::kHalfSquaredError;
  const double z = n.z(0), a = n.a(0);
  auto add = [&](const char* key, double value) {
    if (std::isfinite(value)) q.mistakes.push_back({key, value});
  };
  switch (what) {
    case PredictQuantity::kZ: {
      q.expected = z;
      add("predict#no-bias", z - weights.b(neuron));
      double sum = r(weights.b(neuron));
      for (int i = 0; i < weights.inputs(); ++i) sum += r(weights.W(neuron, i)) * r(trace.layers[layer].input(i, 0));
      q.from_shown = sum;
      break;
    }
    case PredictQuantity::kA:
      q.expected = a;
      add("predict#no-activation", z);
      q.from_shown = Activate(weights.activation, r(z), weights.params);
      break;
    case PredictQuantity::kLossTerm: {
      q.expected = trace.loss_terms(neuron, 0);
      if (half_squared) add("predict#no-half", (t(neuron) - a) * (t(neuron) - a));
      const double ra = r(a), rt = r(t(neuron));
      switch (trace.before.loss) {
        case Loss::kHalfSquaredError: q.from_shown = 0.5 * (rt - ra) * (rt - ra); break;
        case Loss::kBinaryCrossEntropy: q.from_shown = -(rt * std::log(ra) + r(1 - t(neuron)) * std::log(r(1 - a))); break;
        case Loss::kSoftmaxCrossEntropy: q.from_shown = -rt * std::log(ra); break;
      }
      break;
    }
    case PredictQuantity::kLoss: {
      q.expected = trace.loss;
      if (half_squared && trace.loss_terms.rows() > 1) add("predict#mean-not-sum", trace.loss / trace.loss_terms.rows());
      double sum = 0.0;
      for (int k = 0; k < trace.loss_terms.rows(); ++k) sum += r(trace.loss_terms(k, 0));
      q.from_shown = sum;
      break;
    }
    case PredictQuantity::kDerivative: {
      q.expected = n.derivative(0);
      add("predict#derivative-at-a", DerivativeAt(weights, a));
      q.from_shown = DerivativeAt(weights, r(z));
      break;
    }
    case PredictQuantity::kDlDa:
      q.expected = n.dL_da(0);
      if (output && half_squared) add("predict#sign-flipped", -n.dL_da(0));
      if (!output) add("predict#updated-weights", DownstreamWithNewWeights(trace, layer, neuron));
      if (output) {
        const double ra = r(a), rt = r(t(neuron));
        q.from_shown = half_squared ? ra - rt : (ra - rt) / (ra * (1 - ra));
      } else {
        double sum = 0.0;
        const Layer& next = trace.before.layers[layer + 1];
        for (int k = 0; k < next.outputs(); ++k)
          sum += r(trace.layers[layer + 1].neurons[k].delta(0)) * r(next.W(k, neuron));
        q.from_shown = sum;
      }
      break;
    case PredictQuantity::kDelta:
      q.expected = n.delta(0);
      if (output && half_squared) add("predict#sign-flipped", -n.delta(0));
      if (std::isnan(n.derivative(0))) {  // softmax with cross-entropy: δ = a − t
        q.from_shown = r(a) - r(t(neuron));
        break;
      }
      add("predict#no-derivative", n.dL_da(0));
      add("predict#derivative-at-a", n.dL_da(0) * DerivativeAt(weights, a));
      if (!output) add("predict#updated-weights", DownstreamWithNewWeights(trace, layer, neuron) * n.derivative(0));
      q.from_shown = r(n.dL_da(0)) * r(n.derivative(0));
      break;
    case PredictQuantity::kDlDb:
      q.expected = n.dL_db;
      q.from_shown = r(n.delta(0));
      break;
    case PredictQuantity::kNewBias:
      q.expected = n.bias.new_value;
      if (PlainSgd(trace.config)) {
        const double eta = trace.config.learning_rate;
        add("predict#plus-eta", n.bias.old_value + eta * n.dL_db);
        add("predict#no-eta", n.bias.old_value - n.dL_db);
        q.from_shown = r(n.bias.old_value) - r(eta) * r(n.dL_db);
      } else {
        q.from_shown = r(n.bias.old_value) + r(n.bias.step);
      }
      break;
    case PredictQuantity::kDlDw: {
      const WeightTrace& w = trace.layers[layer].weight(neuron, input);
      q.expected = w.gradient;
      add("predict#no-input", n.delta(0));
      const Eigen::MatrixXd& in = trace.layers[layer].input;
      q.from_shown = r(n.delta(0)) * r(in(input, 0));
      for (int other = 0; other < in.rows(); ++other) {
        if (other != input && in(other, 0) != in(input, 0)) {
          add("predict#wrong-input", n.delta(0) * in(other, 0));
          break;
        }
      }
      break;
    }
    case PredictQuantity::kNewWeight: {
      const WeightTrace& w = trace.layers[layer].weight(neuron, input);
      q.expected = w.update.new_value;
      if (PlainSgd(trace.config)) {
        const double eta = trace.config.learning_rate;
        add("predict#plus-eta", w.update.old_value + eta * w.gradient);
        add("predict#no-eta", w.update.old_value - w.gradient);
        add("predict#update-no-input", w.update.old_value - eta * n.delta(0));
      }
      if (trace.config.kind == OptimizerKind::kSgd) {
        q.from_shown = r(w.update.old_value) -
                       r(trace.config.learning_rate) * r(w.gradient + w.penalty_gradient);
      } else {
        q.from_shown = r(w.update.old_value) + r(w.update.step);
      }
      break;
    }
  }
  return q;
}

bool PredictionRight(double typed, double expected, int digits) {
  if (!std::isfinite(typed) || !std::isfinite(expected)) return false;
  const double difference = std::fabs(typed - expected);
  if (difference <= 1e-9) return true;
  if (expected == 0.0) return false;
  const double unit = std::pow(10.0, std::floor(std::log10(std::fabs(expected))) - digits + 1);
  return difference <= unit * (1.0 + 1e-9);
}

PredictionVerdict CheckPrediction(double typed, const PredictionQuestion& question, int digits) {
  PredictionVerdict verdict;
  verdict.right = PredictionRight(typed, question.expected, digits) ||
                  (std::isfinite(question.from_shown) && PredictionRight(typed, question.from_shown, digits));
  if (verdict.right) return verdict;
  for (const TypicalMistake& mistake : question.mistakes) {
    // A mistake that gives the right value is no diagnosis.
    if (!PredictionRight(mistake.value, question.expected, digits) && PredictionRight(typed, mistake.value, digits)) {
      verdict.mistake = mistake.key;
      return verdict;
    }
  }
  return verdict;
}

PredictAnswer JudgeAnswer(const PredictionQuestion& question, bool reveal, double typed, int digits,
                          std::initializer_list<PredictScore*> scores) {
  PredictAnswer answer;
  answer.expected = question.expected;
  answer.revealed = reveal;
  answer.typed = typed;
  if (!reveal) {
    const PredictionVerdict verdict = CheckPrediction(typed, question, digits);
    answer.right = verdict.right;
    answer.mistake = verdict.mistake;
  }
  for (PredictScore* score : scores) {
    ++score->asked;
    if (answer.right) ++score->right;
  }
  return answer;
}

// --- Predict mode in the stepper ------------------------------------------------------------------

std::vector<PredictItem> StationQuestions(const StepSession& session, int position) {
  std::vector<PredictItem> items;
  if (position < 0 || position >= static_cast<int>(session.stations.size())) return items;
  const Station& station = session.stations[position];
  if (station.layer < 0) return items;
  const int l = station.layer, j = station.neuron;
  const Layer& layer = session.trace.before.layers[l];
  const bool softmax = layer.activation == Activation::kSoftmax;
  const int weights = std::min(layer.inputs(), kMaxWeightsAsked);
  auto add = [&](PredictQuantity what, int input = 0) { items.push_back({what, l, j, input}); };
  switch (station.phase) {
    case Phase::kForward:
      add(PredictQuantity::kZ);
      if (!softmax) add(PredictQuantity::kA);
      break;
    case Phase::kLoss:
      add(PredictQuantity::kLossTerm);
      if (j + 1 == session.mlp.outputs()) add(PredictQuantity::kLoss);
      break;
    case Phase::kBackward:
      if (!std::isnan(session.trace.layers[l].neurons[j].derivative(0))) {
        add(PredictQuantity::kDlDa);
        add(PredictQuantity::kDerivative);
      }
      add(PredictQuantity::kDelta);
      for (int i = 0; i < weights; ++i) add(PredictQuantity::kDlDw, i);
      add(PredictQuantity::kDlDb);
      break;
    case Phase::kUpdate:
      for (int i = 0; i < weights; ++i) add(PredictQuantity::kNewWeight, i);
      if (session.trace.config.update_biases) add(PredictQuantity::kNewBias);
      break;
    case Phase::kStart:
    case Phase::kDone: break;
  }
  return items;
}

PredictionQuestion AskItem(const StepSession& session, const PredictItem& item, int digits) {
  return AskPrediction(session.trace, session.t, item.what, item.layer, item.neuron, item.input, digits);
}

namespace {
// A new step (taken forward) starts with nothing revealed.
void FollowStep(StepSession* session) {
  PredictState& p = session->predict;
  if (session->steps_taken > p.frontier_step) {
    p.frontier_step = session->steps_taken;
    p.frontier = 0;
    p.question = 0;
    p.asking = false;
    p.step_score = PredictScore();
  }
}

// The current question is done (answered or revealed): on to the next, or onto the station.
void Advance(StepSession* session, double now) {
  PredictState& p = session->predict;
  ++p.question;
  if (p.question < static_cast<int>(StationQuestions(*session, p.frontier + 1).size())) return;
  ++p.frontier;
  p.question = 0;
  p.asking = false;
  const int from = session->position;
  session->position = PredictStop(session, std::max(p.target, p.frontier));
  session->station_changed_at = now;
  session->forward_direction = session->position >= from;
}

Status Answer(StepSession* session, bool reveal, double typed, int digits, double now) {
  PredictState& p = session->predict;
  const std::optional<PredictItem> item = CurrentQuestion(*session);
  if (!item) return Status::Error("there is no question to answer: predict mode asks when the stepper moves on");
  const PredictionQuestion question = AskItem(*session, *item, digits);
  PredictRecord record;
  static_cast<PredictAnswer&>(record) =
      JudgeAnswer(question, reveal, typed, digits, {&p.step_score, &p.session_score});
  record.item = *item;
  p.last = record;
  p.has_last = true;
  Advance(session, now);
  return Status::Ok();
}
}  // namespace

void SetPredictMode(StepSession* session, bool on) {
  PredictState& p = session->predict;
  if (on && !p.on) p.session_score = PredictScore();
  p.on = on;
  p.frontier_step = session->steps_taken;
  p.frontier = session->position;
  p.question = 0;
  p.asking = false;
  p.has_last = false;
  p.step_score = PredictScore();
}

int PredictStop(StepSession* session, int target) {
  PredictState& p = session->predict;
  if (!p.on || session->stations.empty()) return target;
  FollowStep(session);
  if (session->steps_taken < p.frontier_step) return target;  // a step already predicted
  while (p.frontier < target && StationQuestions(*session, p.frontier + 1).empty()) ++p.frontier;
  if (target <= p.frontier) {
    p.asking = false;
    return target;
  }
  p.asking = true;
  p.target = target;
  return p.frontier;
}

std::optional<PredictItem> CurrentQuestion(const StepSession& session) {
  const PredictState& p = session.predict;
  if (!p.on || !p.asking || session.steps_taken != p.frontier_step || session.position != p.frontier) return {};
  const std::vector<PredictItem> items = StationQuestions(session, p.frontier + 1);
  if (p.question >= static_cast<int>(items.size())) return {};
  return items[p.question];
}

int CurrentQuestionCount(const StepSession& session) {
  if (!CurrentQuestion(session)) return 0;
  return static_cast<int>(StationQuestions(session, session.predict.frontier + 1).size());
}

Status SubmitPrediction(StepSession* session, const std::string& typed, int digits, double now) {
  if (!CurrentQuestion(*session)) {
    return Status::Error("there is no question to answer: predict mode asks when the stepper moves on");
  }
  Result<double> value = ParsePrediction(typed);
  if (!value.ok()) return Status::Error(value.error());
  return Answer(session, false, value.value(), digits, now);
}

Result<double> ParsePrediction(const std::string& typed, const std::string& what) {
  std::string text = typed;
  for (size_t at; (at = text.find("−")) != std::string::npos;) text.replace(at, std::string("−").size(), "-");
  return ParseUserNumber(text, what, -1e300, 1e300);
}

Status RevealPrediction(StepSession* session, int digits, double now) {
  return Answer(session, true, std::nan(""), digits, now);
}

}  // namespace bp
