// ctest fixture train.fixture.studies: the small study set of the training tests.
#include <exception>
#include <filesystem>
#include <iostream>

#include "train_test_support.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: train_make_studies DIR\n";
    return 2;
  }
  try {
    std::filesystem::remove_all(argv[1]);
    anatomix::training::test::write_test_studies(argv[1], 160);
  } catch (const std::exception& error) {
    std::cerr << "train_make_studies: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
