# Benchmarks print figures and assert nothing; `cmake --build build --target bench` runs them all.
# Register each bench executable with anatomix_add_bench(target [args...]).
function(anatomix_add_bench target)
  # One list entry per bench: its arguments joined into one command line (a list would split them apart).
  list(JOIN ARGN " " arguments)
  set_property(GLOBAL APPEND PROPERTY ANATOMIX_BENCH_COMMANDS "$<TARGET_FILE:${target}> ${arguments}")
  set_property(GLOBAL APPEND PROPERTY ANATOMIX_BENCH_TARGETS ${target})
endfunction()

function(anatomix_define_bench_target)
  get_property(commands GLOBAL PROPERTY ANATOMIX_BENCH_COMMANDS)
  get_property(targets GLOBAL PROPERTY ANATOMIX_BENCH_TARGETS)
  set(steps COMMAND ${CMAKE_COMMAND} -E echo "AnatomiX benchmarks")
  foreach(command IN LISTS commands)
    separate_arguments(argv UNIX_COMMAND "${command}")
    list(APPEND steps COMMAND ${argv})
  endforeach()
  add_custom_target(bench ${steps} USES_TERMINAL WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
    COMMENT "Running benchmarks (figures only, nothing asserted)")
  if(targets)
    add_dependencies(bench ${targets})
  endif()
endfunction()
