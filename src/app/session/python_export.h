// "Export as Python" (#17, item 5, its first part): the stepper's step as a self-contained NumPy
// script, float64 throughout, that builds the exact network (every number written so it reads back
// as the same double), runs the same step — forward, loss, backward, update — one function per
// phase, named as the notation card names things, and prints every number of the step one per line
// ("z 0 1 0.3775" = z of neuron 1 in layer 0), so a test can compare it with the app's trace.
// The playground's training run is python_training.h's.
#pragma once

#include <string>

#include "app/session/step_session.h"
#include "core/result.h"

namespace bp {

// The update is the session's: plain gradient descent, momentum or Adam (with the moments of the steps
// already taken), L1/L2 on the weights, and PReLU's learned slope (printed as dL_dslope and new_slope).
Result<std::string> StepScriptNumpy(const StepSession& session);
// The same step in PyTorch (float64): the forward pass written out, the backward pass by autograd
// (L.backward(), with δ = ∂L/∂z read from each z's gradient), the update under no_grad.
Result<std::string> StepScriptTorch(const StepSession& session);

}  // namespace bp
