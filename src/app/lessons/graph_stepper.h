// The step-through of a scalar computation graph, shared by the lessons that show one (Autodiff
// graph: the worked example's network; Your own expression graph: what the learner typed). It keeps
// the graph at each step, replayed from its leaves with the core's ForwardNode and BackwardNode, the
// stepper's buttons and keys, predict mode (autodiff_predict.h), the math of the node under the mouse,
// and the stepper's part of the JS API (graphStep, setPredict, predict, revealPrediction).
#pragma once

#include <string>

#include "app/lessons/autodiff_predict.h"
#include "app/session/app_state.h"
#include "app/session/json.h"
#include "core/graph.h"

namespace bp {

struct GraphStepper {
  Graph base;             // leaves set, nothing computed yet
  Graph complete;         // the same after a whole Forward and Backward (the layout is measured on it)
  Graph graph;            // the graph at `position`, replayed from `base` step by step
  Graph previous;         // the graph one step earlier: the panel shows what the last step changed
  int position = 0;       // 0: only the leaves; then one forward node per step, the seed, one backward node per step
  int last_position = 0;  // every gradient known
  int pending_position = -1;    // a requested move (the JS API), applied at the start of the next frame
  int current_node = -1;        // the node the last step computed (-1 at the start)
  const char* phase = "start";  // "start", "forward", "backward", "done"
  int hovered_node = -1;        // under the mouse this frame
  int selected_node = -1;       // clicked: the panel explains it until it is clicked again
  GraphPredictState predict;    // predict mode: the values and gradients typed before they are shown
};

// Takes `base` (leaves set), evaluates a complete copy, and stands at step 0. Predict mode stays as
// it was (on or off), with a fresh score.
void StartGraphStepper(GraphStepper* stepper, const Graph& base);
bool GraphStepperReady(const GraphStepper& stepper);
// Moves the stepper; in predict mode a forward move stops before a step with questions left.
void GraphStepperGoTo(GraphStepper* stepper, int position);
// Applies a move the API asked for (once per frame, before drawing).
void ApplyPendingGraphStep(GraphStepper* stepper);
// Where the stepper stands, in words ("Forward 3 of 12: c").
std::string DescribeGraphStep(const std::string& language, const GraphStepper& stepper);

// The canvas: buttons and keys, predict mode's switch and box, the graph.
void DrawGraphStepperCanvas(AppState& state, GraphStepper* stepper);
// The panel's math of the node under the mouse, else the clicked one, else the last computed.
void DrawGraphStepperMath(const AppState& state, const GraphStepper& stepper);

// The stepper's part of getState().lessonState: position, phase, current node, root, predict.
void AddGraphStepperJson(const AppState& state, const GraphStepper& stepper, Json* json);
// graphStep {direction, count}, setPredict {on}, predict {value}, revealPrediction: the answer, or ""
// for another command. `lesson_json` gives the lesson's state after an answer.
std::string GraphStepperCommand(AppState& state, GraphStepper* stepper, const std::string& command, const Json& request,
                                Json (*lesson_json)(const AppState&));

}  // namespace bp
