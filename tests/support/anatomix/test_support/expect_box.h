// GoogleTest check of a box's four corners, shared by the test suites (target anatomix_test_support).
#pragma once

#include <gtest/gtest.h>

#include "anatomix/box.h"

namespace anatomix::test_support {

// Each corner of `box` within `tolerance` of the expected one.
inline void expect_box(const Box& box, double x1, double y1, double x2, double y2, double tolerance = 1e-4) {
  EXPECT_NEAR(box.x1, x1, tolerance);
  EXPECT_NEAR(box.y1, y1, tolerance);
  EXPECT_NEAR(box.x2, x2, tolerance);
  EXPECT_NEAR(box.y2, y2, tolerance);
}

inline void expect_box(const Box& box, const Box& expected, double tolerance = 1e-4) {
  expect_box(box, expected.x1, expected.y1, expected.x2, expected.y2, tolerance);
}

}  // namespace anatomix::test_support
