// Tests for the chain of modules (modules.h): M. Mazur's published gradients, agreement with the
// Mlp's Backward, ∂L/∂x and the chain's Jacobian against central differences, and the memory counts
// worked out by hand.
#include <doctest/doctest.h>

#include <vector>

#include "core/mlp.h"
#include "core/modules.h"
#include "core/test_support.h"

namespace {

bp::Mlp Network(std::vector<int> sizes, std::vector<bp::Activation> activations, uint64_t seed) {
  bp::MlpSpec spec;
  spec.sizes = sizes;
  spec.activations = activations;
  bp::Result<bp::Mlp> mlp = bp::MakeMlp(spec, seed);
  REQUIRE_MESSAGE(mlp.ok(), mlp.error());
  return mlp.value();
}

}  // namespace

TEST_CASE("the chain of modules reproduces Mazur's worked example") {
  bp::Mlp mlp = Network({2, 2, 2}, {bp::Activation::kSigmoid, bp::Activation::kSigmoid}, 1);
  Eigen::MatrixXd W1(2, 2), W2(2, 2);
  W1 << 0.15, 0.20, 0.25, 0.30;
  W2 << 0.40, 0.45, 0.50, 0.55;
  REQUIRE(bp::SetLayerWeights(&mlp, 0, W1, Eigen::Vector2d(0.35, 0.35)).ok());
  REQUIRE(bp::SetLayerWeights(&mlp, 1, W2, Eigen::Vector2d(0.60, 0.60)).ok());
  const std::vector<bp::Module> chain = bp::ModulesOf(mlp);
  REQUIRE(chain.size() == 4);
  const bp::ChainPass pass = bp::RunChain(chain, Eigen::Vector2d(0.05, 0.10), Eigen::Vector2d(0.01, 0.99));
  // The article: E_total = 0.298371109, ∂E/∂w5 = 0.082167041, ∂E/∂w1 = 0.000438568.
  CHECK(pass.loss == doctest::Approx(0.298371109).epsilon(1e-8));
  CHECK(pass.modules[2].dW(0, 0) == doctest::Approx(0.082167041).epsilon(1e-7));
  CHECK(pass.modules[0].dW(0, 0) == doctest::Approx(0.000438568).epsilon(1e-5));
  // The Mlp's own backward pass (batch of one, so its mean loss is this loss) agrees to the last bits.
  Eigen::MatrixXd X(2, 1), T(2, 1);
  X << 0.05, 0.10;
  T << 0.01, 0.99;
  const bp::Gradients grads = bp::Backward(mlp, bp::Forward(mlp, X), T);
  for (int l = 0; l < 2; ++l) {
    CHECK((pass.modules[2 * l].dW - grads.layers[l].dW).cwiseAbs().maxCoeff() < 1e-15);
    CHECK((pass.modules[2 * l].db - grads.layers[l].db).cwiseAbs().maxCoeff() < 1e-15);
  }
}

TEST_CASE("dL/dx is the reverse product of the Jacobians, and both match central differences") {
  for (bp::Activation h : {bp::Activation::kTanh, bp::Activation::kSigmoid, bp::Activation::kElu}) {
    const std::vector<bp::Module> chain = bp::ModulesOf(Network({2, 3, 3, 2}, {h, h, bp::Activation::kIdentity}, 11));
    const Eigen::Vector2d x(0.4, -0.7), t(0.3, -0.2);
    const bp::ChainPass pass = bp::RunChain(chain, x, t);
    const Eigen::MatrixXd J = bp::ChainJacobian(chain, x);
    REQUIRE(J.rows() == 2);
    REQUIRE(J.cols() == 2);
    // ∂L/∂x = ∂L/∂a · J (as columns: Jᵀ (a − t)).
    const Eigen::VectorXd via_jacobian = J.transpose() * (pass.values.back() - t);
    CHECK((pass.grads[0] - via_jacobian).cwiseAbs().maxCoeff() < 1e-14);
    for (int j = 0; j < 2; ++j) {
      auto chain_at = [&](double v) {
        Eigen::Vector2d moved = x;
        moved(j) = v;
        return bp::RunChain(chain, moved, t);
      };
      auto loss_at = [&](double v) { return chain_at(v).loss; };
      CHECK(bp::test::RelativeError(pass.grads[0](j), bp::test::CentralDifference(loss_at, x(j)), 1e-6) < 1e-6);
      for (int i = 0; i < 2; ++i) {
        auto out_at = [&](double v) { return chain_at(v).values.back()(i); };
        CHECK(bp::test::RelativeError(J(i, j), bp::test::CentralDifference(out_at, x(j)), 1e-6) < 1e-6);
      }
    }
  }
}

TEST_CASE("memory counts, by hand") {
  // Linear 2→3, tanh, Linear 3→1, sigmoid. Parameters 2·3 + 3 + 3·1 + 1 = 13. Kept for backward,
  // per sample, every module's input: 2 (x) + 3 (z₁) + 3 (a₁) + 1 (z₂) = 9. Forward operations:
  // 6 + 3 + 3 + 1 = 13. Recomputing from x before each module's backward: 0 + 6 + 9 + 12 = 27.
  // Checkpointing keeps x (2) and the widest vector in flight (3): 5.
  const std::vector<bp::Module> chain =
      bp::ModulesOf(Network({2, 3, 1}, {bp::Activation::kTanh, bp::Activation::kSigmoid}, 3));
  const bp::MemoryCount one = bp::CountMemory(chain, 1);
  CHECK(one.parameters == 13);
  CHECK(one.stored == 9);
  CHECK(one.forward_ops == 13);
  CHECK(one.recompute_ops == 27);
  CHECK(one.checkpoint_kept == 5);
  const bp::MemoryCount batch = bp::CountMemory(chain, 32);
  CHECK(batch.parameters == 13);
  CHECK(batch.stored == 9 * 32);
  CHECK(batch.recompute_ops == 27 * 32);
  CHECK(batch.checkpoint_kept == 5 * 32);
}
