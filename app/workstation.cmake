# anatomix-workstation: the GUI program (included from app/CMakeLists.txt when the GUI is built).
# main() only wires things together; everything else lives in ui/ and viewer/.
add_executable(anatomix-workstation workstation_main.cpp)
target_link_libraries(anatomix-workstation PRIVATE anatomix_ui)
target_compile_definitions(anatomix-workstation PRIVATE ANATOMIX_VERSION="${PROJECT_VERSION}")
