
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/cpp/src/article.cpp" "CMakeFiles/newsdoc.dir/cpp/src/article.cpp.o" "gcc" "CMakeFiles/newsdoc.dir/cpp/src/article.cpp.o.d"
  "/work/main/cpp/src/builder.cpp" "CMakeFiles/newsdoc.dir/cpp/src/builder.cpp.o" "gcc" "CMakeFiles/newsdoc.dir/cpp/src/builder.cpp.o.d"
  "/work/main/cpp/src/error.cpp" "CMakeFiles/newsdoc.dir/cpp/src/error.cpp.o" "gcc" "CMakeFiles/newsdoc.dir/cpp/src/error.cpp.o.d"
  "/work/main/cpp/src/json_reader.cpp" "CMakeFiles/newsdoc.dir/cpp/src/json_reader.cpp.o" "gcc" "CMakeFiles/newsdoc.dir/cpp/src/json_reader.cpp.o.d"
  "/work/main/cpp/src/json_writer.cpp" "CMakeFiles/newsdoc.dir/cpp/src/json_writer.cpp.o" "gcc" "CMakeFiles/newsdoc.dir/cpp/src/json_writer.cpp.o.d"
  "/work/main/cpp/src/mapping.cpp" "CMakeFiles/newsdoc.dir/cpp/src/mapping.cpp.o" "gcc" "CMakeFiles/newsdoc.dir/cpp/src/mapping.cpp.o.d"
  "/work/main/cpp/src/utf8.cpp" "CMakeFiles/newsdoc.dir/cpp/src/utf8.cpp.o" "gcc" "CMakeFiles/newsdoc.dir/cpp/src/utf8.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
