# LibTorch from a Python `torch` package (ANATOMIX_TORCH_PYTHON), for engine-only builds such as one on a GPU
# machine. find_package(Torch) on a CUDA wheel insists on a CUDA toolkit (nvcc) although the engine compiles no
# CUDA code; this module reads the package directly instead and defines what find_package(Torch) would:
# TORCH_LIBRARIES (one imported target) and TORCH_CXX_FLAGS.
execute_process(
  COMMAND ${ANATOMIX_TORCH_PYTHON} -c
    "import os, torch; print(os.path.dirname(torch.__file__)); print(int(torch.compiled_with_cxx11_abi())); print(torch.__version__); print(torch.version.cuda or '')"
  OUTPUT_VARIABLE torch_facts RESULT_VARIABLE torch_status ERROR_VARIABLE torch_error
  OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT torch_status EQUAL 0)
  message(FATAL_ERROR "ANATOMIX_TORCH_PYTHON=${ANATOMIX_TORCH_PYTHON} cannot import torch:\n${torch_error}")
endif()
string(REPLACE "\n" ";" torch_facts "${torch_facts}")
list(GET torch_facts 0 torch_dir)
list(GET torch_facts 1 torch_cxx11_abi)
list(GET torch_facts 2 Torch_VERSION)
list(LENGTH torch_facts torch_fact_count)
set(torch_cuda_version "")
if(torch_fact_count GREATER 3)
  list(GET torch_facts 3 torch_cuda_version)
endif()

set(torch_libraries)
foreach(name torch torch_cpu c10)
  find_library(ANATOMIX_TORCH_${name}_LIBRARY ${name} PATHS ${torch_dir}/lib NO_DEFAULT_PATH NO_CACHE REQUIRED)
  list(APPEND torch_libraries ${ANATOMIX_TORCH_${name}_LIBRARY})
endforeach()
add_library(anatomix_python_torch INTERFACE IMPORTED GLOBAL)
# The C++ API headers as system headers (their warnings are not ours). The wheel's own {fmt} copy lives in the
# first folder; AnatomixHeaderDeps puts the {fmt} that spdlog is built with ahead of it.
set_target_properties(anatomix_python_torch PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${torch_dir}/include;${torch_dir}/include/torch/csrc/api/include"
  INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${torch_dir}/include;${torch_dir}/include/torch/csrc/api/include"
  INTERFACE_COMPILE_DEFINITIONS "_GLIBCXX_USE_CXX11_ABI=${torch_cxx11_abi}"
  INTERFACE_LINK_LIBRARIES "${torch_libraries};Threads::Threads")
# Recent LibTorch headers refuse C++17 (as the package's own TorchConfig.cmake does, ask for C++20 then).
file(STRINGS ${torch_dir}/include/torch/csrc/api/include/torch/all.h torch_needs_cxx20 REGEX "C\\+\\+20")
if(torch_needs_cxx20)
  set_property(TARGET anatomix_python_torch PROPERTY INTERFACE_COMPILE_FEATURES cxx_std_20)
endif()
if(torch_cuda_version)
  # Nothing of ours calls into libtorch_cuda/libc10_cuda by name, so a plain link would drop them; loaded, they
  # register the CUDA backend that torch::cuda::is_available() and Device("cuda") look for.
  find_library(ANATOMIX_TORCH_cuda_LIBRARY torch_cuda PATHS ${torch_dir}/lib NO_DEFAULT_PATH NO_CACHE REQUIRED)
  find_library(ANATOMIX_TORCH_c10_cuda_LIBRARY c10_cuda PATHS ${torch_dir}/lib NO_DEFAULT_PATH NO_CACHE REQUIRED)
  set_property(TARGET anatomix_python_torch APPEND PROPERTY INTERFACE_LINK_LIBRARIES
    "-Wl,--no-as-needed;${ANATOMIX_TORCH_cuda_LIBRARY};${ANATOMIX_TORCH_c10_cuda_LIBRARY};-Wl,--as-needed")
endif()
# The wheel's libraries leave some of their dependencies (cuSPARSELt, NVSHMEM, NCCL) to the nvidia-* wheels,
# which their own RPATH finds at run time; programs link without resolving those symbols.
set_property(TARGET anatomix_python_torch APPEND PROPERTY INTERFACE_LINK_OPTIONS
  "LINKER:--allow-shlib-undefined" "LINKER:-rpath,${torch_dir}/lib")
set(TORCH_LIBRARIES anatomix_python_torch)
set(TORCH_CXX_FLAGS "-D_GLIBCXX_USE_CXX11_ABI=${torch_cxx11_abi}")
message(STATUS "LibTorch ${Torch_VERSION} from ${torch_dir} (C++11 ABI ${torch_cxx11_abi}, "
  "CUDA ${torch_cuda_version})")
