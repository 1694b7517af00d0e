// The JSON API's part for the playground: configure any setting (the same keys as the URL), train,
// step, restore, edit points, open the stepper, and read the metrics, curves and weights. The
// playground's commands work whichever lesson is open (the model is kept in AppState).
#pragma once

#include <string>

#include "app/session/app_state.h"
#include "app/session/json.h"

namespace bp {

// Settings, metrics, the divergence flag, timing and the weights; the curves when with_history.
Json PlaygroundJson(const AppState& state, bool with_history);
// configure, train, runEpochs, stepBatches, restore, newNetwork, addPoint, removePoint,
// openStepper, closeStepper, getPlayground, setBoundaryPixels; an empty answer for other commands.
std::string HandlePlaygroundCommand(AppState& state, const std::string& command, const Json& request);

}  // namespace bp
