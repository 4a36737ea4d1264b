# All find_package calls in one place, each asked once (a second VTK call would replace VTK_LIBRARIES).
find_package(Threads REQUIRED)
if(ANATOMIX_HEADER_DEPS_DIR)
  include(AnatomixHeaderDeps)  # spdlog, {fmt}, nlohmann-json headers and GoogleTest sources from one folder
else()
  find_package(spdlog REQUIRED)
  find_package(nlohmann_json 3 REQUIRED)
endif()
if(ANATOMIX_BUILD_IMAGE_IO)
  find_package(DCMTK REQUIRED NO_MODULE)
  find_package(ITK REQUIRED COMPONENTS ITKCommon ITKIOImageBase ITKIOPNG ITKIOJPEG ITKIOTIFF
    ITKImageIntensity ITKSmoothing ITKImageFunction ITKImageGrid ITKImageNoise ITKImageSources)
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    # Debian's ITK headers detect GCC only; see the header named here.
    add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:-include${CMAKE_CURRENT_LIST_DIR}/itk_compiler_detection_clang.h>")
  endif()
  # libpng and libjpeg directly as well: PNG and JPEG files are checked before ITK reads them
  # (viewer/image/src/itk_image_reader.cpp).
  find_package(PNG REQUIRED)
  find_package(JPEG REQUIRED)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(OPENJPEG REQUIRED IMPORTED_TARGET libopenjp2)
endif()

if(ANATOMIX_BUILD_GUI)
  find_package(Qt6 REQUIRED COMPONENTS Core Gui Widgets OpenGL OpenGLWidgets Concurrent Test LinguistTools
    PrintSupport Svg)
  # Only VTK's non-Qt modules: Debian's VTK Qt module is built for Qt 5 (Debian 12).
  find_package(VTK REQUIRED COMPONENTS CommonCore CommonDataModel CommonExecutionModel ImagingCore
    ImagingColor InteractionStyle RenderingCore RenderingOpenGL2 RenderingImage RenderingAnnotation
    RenderingFreeType IOImage)
endif()

if(ANATOMIX_BUILD_ENGINE)
  if(ANATOMIX_TORCH_PYTHON)
    include(AnatomixPythonTorch)  # the LibTorch inside that Python's torch package, without a CUDA toolkit
  else()
    find_package(Torch REQUIRED)
    if(ANATOMIX_CUDA)
      enable_language(CUDA)
    endif()
  endif()
endif()

if(ANATOMIX_BUILD_TESTS AND NOT TARGET GTest::gtest)
  find_package(GTest REQUIRED)  # Qt-free suites (engine, generator) use GoogleTest; Qt suites use Qt Test.
endif()

# Python of the tool venv made by packaging/bootstrap.sh (gguf, llama-cpp-python, Debian's torch).
set(ANATOMIX_PYTHON "${CMAKE_SOURCE_DIR}/build/venv/bin/python" CACHE FILEPATH "Python with the test tools")
