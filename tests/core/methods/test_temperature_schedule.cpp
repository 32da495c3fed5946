// The cosine temperature of Kukleva et al. at the points one can compute by hand, and SimCLR's
// loss following it step by step.
#include <torch/torch.h>

#include "methods/method.h"
#include "methods/temperature_schedule.h"
#include "test_support.h"
#include "train/run_config.h"
#include "util/error.h"

namespace lt {
namespace {

MethodOptions cosine(double period) {
  MethodOptions o;
  o.temperature_schedule = "cosine";
  o.temperature_min = 0.1;
  o.temperature_max = 1.0;
  o.temperature_period = period;
  return o;
}

TEST(TemperatureSchedule, ConstantKeepsTheMethodsTemperature) {
  MethodOptions o;
  EXPECT_DOUBLE_EQ(scheduled_temperature(o, 0.5, TrainingClock{123, 1000, 10}), 0.5);
}

TEST(TemperatureSchedule, CosineStartsAtTheMaximumAndReachesTheMinimumAtHalfAPeriod) {
  const MethodOptions o = cosine(/*period=*/4);  // epochs; 10 steps an epoch
  EXPECT_NEAR(scheduled_temperature(o, 0.5, TrainingClock{0, 1000, 10}), 1.0, 1e-12);
  EXPECT_NEAR(scheduled_temperature(o, 0.5, TrainingClock{20, 1000, 10}), 0.1, 1e-12);
  EXPECT_NEAR(scheduled_temperature(o, 0.5, TrainingClock{40, 1000, 10}), 1.0, 1e-12);
  // A quarter period: cos = 0, the middle.
  EXPECT_NEAR(scheduled_temperature(o, 0.5, TrainingClock{10, 1000, 10}), 0.55, 1e-12);
  // Within an epoch it moves per step: 1.5 epochs = 3/8 of the period.
  EXPECT_NEAR(scheduled_temperature(o, 0.5, TrainingClock{15, 1000, 10}),
              0.1 + 0.9 * (1 + std::cos(2 * M_PI * 1.5 / 4)) / 2, 1e-12);
}

TEST(TemperatureSchedule, PeriodZeroIsAFifthOfTheRunAsInThePaper) {
  // 1000 steps of 10 an epoch = 100 epochs: T = 20, so epoch 10 is the minimum.
  const MethodOptions o = cosine(0);
  EXPECT_NEAR(scheduled_temperature(o, 0.5, TrainingClock{100, 1000, 10}), 0.1, 1e-12);
  EXPECT_NEAR(scheduled_temperature(o, 0.5, TrainingClock{200, 1000, 10}), 1.0, 1e-12);
}

TEST(TemperatureSchedule, RefusesNonsense) {
  MethodOptions o = cosine(0);
  o.temperature_schedule = "linear";
  EXPECT_LT_ERROR(validate_temperature_schedule(o), ErrorKind::kSetting, "constant or cosine");
  o = cosine(0);
  o.temperature_min = 2;
  EXPECT_LT_ERROR(validate_temperature_schedule(o), ErrorKind::kSetting, "temperature_min");
  o = cosine(-1);
  EXPECT_LT_ERROR(validate_temperature_schedule(o), ErrorKind::kSetting, "temperature_period");
  // Methods without a temperature refuse a schedule rather than ignore it.
  o = cosine(0);
  o.name = "simsiam";
  EXPECT_LT_ERROR(make_method(o, EncoderOptions{"resnet-small", true, 1}), ErrorKind::kSetting,
                  "no contrastive temperature");
}

// The loss of a method whose weights are drawn from seed 0, on fixed views, in eval mode.
double loss_at(const MethodOptions& o, const TrainingClock* clock) {
  torch::manual_seed(0);
  Method m = make_method(o, EncoderOptions{"resnet-small", true, 1});
  m->eval();
  if (clock != nullptr) m->before_step(*clock);
  torch::manual_seed(1);
  const auto v1 = torch::randn({6, 1, 16, 16}), v2 = torch::randn({6, 1, 16, 16});
  torch::NoGradGuard no_grad;
  return m->forward(v1, v2, torch::Tensor()).loss.item<double>();
}

TEST(TemperatureSchedule, SimclrAndMocoComputeWithTheScheduledTemperature) {
  for (const std::string name : {"simclr", "moco"}) {
    MethodOptions scheduled = cosine(4);
    scheduled.name = name;
    scheduled.moco_queue = 8;
    MethodOptions fixed = scheduled;
    fixed.temperature_schedule = "constant";
    const TrainingClock start{0, 1000, 10}, trough{20, 1000, 10};
    fixed.temperature = 1.0;
    EXPECT_NEAR(loss_at(scheduled, &start), loss_at(fixed, nullptr), 1e-5) << name;
    fixed.temperature = 0.1;
    EXPECT_NEAR(loss_at(scheduled, &trough), loss_at(fixed, nullptr), 1e-5) << name;
    EXPECT_GT(std::abs(loss_at(scheduled, &start) - loss_at(scheduled, &trough)), 1e-3) << name;
  }
}

TEST(TemperatureSchedule, TravelsInTheRunConfigSoThatAResumeUsesIt) {
  RunConfig c;
  c.method.name = "simclr";
  c.method.temperature_schedule = "cosine";
  c.method.temperature_min = 0.2;
  c.method.temperature_max = 0.8;
  c.method.temperature_period = 3;
  const RunConfig back = config_from_json(config_to_json(c), "c.json");
  EXPECT_EQ(back.method.temperature_schedule, "cosine");
  EXPECT_DOUBLE_EQ(back.method.temperature_min, 0.2);
  EXPECT_DOUBLE_EQ(back.method.temperature_max, 0.8);
  EXPECT_DOUBLE_EQ(back.method.temperature_period, 3);
  EXPECT_EQ(config_to_json(back), config_to_json(c));
  EXPECT_LT_ERROR(config_from_json("{\"temperature_schedule\": {\"periods\": 3}}", "c.json"),
                  ErrorKind::kSetting, "temperature_schedule.periods");
}

}  // namespace
}  // namespace lt
