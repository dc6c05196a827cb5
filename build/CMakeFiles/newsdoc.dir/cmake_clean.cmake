file(REMOVE_RECURSE
  "CMakeFiles/newsdoc.dir/cpp/src/article.cpp.o"
  "CMakeFiles/newsdoc.dir/cpp/src/article.cpp.o.d"
  "CMakeFiles/newsdoc.dir/cpp/src/builder.cpp.o"
  "CMakeFiles/newsdoc.dir/cpp/src/builder.cpp.o.d"
  "CMakeFiles/newsdoc.dir/cpp/src/error.cpp.o"
  "CMakeFiles/newsdoc.dir/cpp/src/error.cpp.o.d"
  "CMakeFiles/newsdoc.dir/cpp/src/json_reader.cpp.o"
  "CMakeFiles/newsdoc.dir/cpp/src/json_reader.cpp.o.d"
  "CMakeFiles/newsdoc.dir/cpp/src/json_writer.cpp.o"
  "CMakeFiles/newsdoc.dir/cpp/src/json_writer.cpp.o.d"
  "CMakeFiles/newsdoc.dir/cpp/src/mapping.cpp.o"
  "CMakeFiles/newsdoc.dir/cpp/src/mapping.cpp.o.d"
  "CMakeFiles/newsdoc.dir/cpp/src/utf8.cpp.o"
  "CMakeFiles/newsdoc.dir/cpp/src/utf8.cpp.o.d"
  "libnewsdoc.a"
  "libnewsdoc.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/newsdoc.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
