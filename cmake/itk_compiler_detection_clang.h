// Debian's ITK 5.2 ships compiler detection for GCC alone: its itk_compiler_detection.h stops with
// "Unsupported compiler" under clang. Clang implements the GNU dialect that ITK asks for, so this file,
// included before anything else in clang builds (cmake/AnatomixDependencies.cmake; the fuzz preset), reads
// that header as if by GCC 12 where ITK is on the include path, then restores clang's own macros. The
// header's include guard keeps ITK's later includes of it from running the check again.
#if __has_include(<itk_compiler_detection.h>)
#pragma push_macro("__clang__")
#pragma push_macro("__GNUC__")
#pragma push_macro("__GNUC_MINOR__")
#pragma push_macro("__GNUC_PATCHLEVEL__")
#undef __clang__
#undef __GNUC__
#undef __GNUC_MINOR__
#undef __GNUC_PATCHLEVEL__
#define __GNUC__ 12
#define __GNUC_MINOR__ 2
#define __GNUC_PATCHLEVEL__ 0
#include <itk_compiler_detection.h>
#pragma pop_macro("__GNUC_PATCHLEVEL__")
#pragma pop_macro("__GNUC_MINOR__")
#pragma pop_macro("__GNUC__")
#pragma pop_macro("__clang__")
#endif
