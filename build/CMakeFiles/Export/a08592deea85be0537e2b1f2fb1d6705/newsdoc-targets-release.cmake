#----------------------------------------------------------------
# Generated CMake target import file for configuration "Release".
#----------------------------------------------------------------

# Commands may need to know the format version.
set(CMAKE_IMPORT_FILE_VERSION 1)

# Import target "newsdoc::newsdoc" for configuration "Release"
set_property(TARGET newsdoc::newsdoc APPEND PROPERTY IMPORTED_CONFIGURATIONS RELEASE)
set_target_properties(newsdoc::newsdoc PROPERTIES
  IMPORTED_LINK_INTERFACE_LANGUAGES_RELEASE "CXX"
  IMPORTED_LOCATION_RELEASE "${_IMPORT_PREFIX}/lib/libnewsdoc.a"
  )

list(APPEND _cmake_import_check_targets newsdoc::newsdoc )
list(APPEND _cmake_import_check_files_for_newsdoc::newsdoc "${_IMPORT_PREFIX}/lib/libnewsdoc.a" )

# Commands beyond this point should not need to know the version.
set(CMAKE_IMPORT_FILE_VERSION)
