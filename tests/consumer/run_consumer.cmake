# Configures, builds and runs one consumer project (ctest runs this with -P).
#
# Variables: SOURCE_DIR, BINARY_DIR, GENERATOR, CXX_COMPILER, BUILD_TYPE,
# PREFIX (the newsdoc install prefix, for find_package) or NEWSDOC_SOURCE_DIR
# (the newsdoc source tree, for add_subdirectory), simdjson_DIR and fmt_DIR
# (forwarded when set), INPUT (a JSON file holding an article) and
# EMPTY_INPUT (one holding none).
#
# Default models: the consumer loads newsdoc::default_models_directory() with
# no set-up. Against an install (PREFIX), the program is copied into
# PREFIX/bin, as an installed program would be, and must find
# PREFIX/share/newsdoc/models: PREFIX is not the prefix newsdoc was
# configured for, so this proves an installed tree finds its models where it
# was moved.
foreach(var SOURCE_DIR BINARY_DIR GENERATOR BUILD_TYPE INPUT EMPTY_INPUT)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_consumer.cmake: ${var} is not set")
  endif()
endforeach()

set(options "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
if(PREFIX)
  list(APPEND options "-DCMAKE_PREFIX_PATH=${PREFIX}")
endif()
if(NEWSDOC_SOURCE_DIR)
  list(APPEND options "-DNEWSDOC_SOURCE_DIR=${NEWSDOC_SOURCE_DIR}")
endif()
if(CXX_COMPILER)
  list(APPEND options "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
foreach(dep simdjson fmt)
  if(${dep}_DIR)
    list(APPEND options "-D${dep}_DIR=${${dep}_DIR}")
  endif()
endforeach()

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
endfunction()

run("configure" ${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${BINARY_DIR}" -G "${GENERATOR}" ${options})
cmake_host_system_information(RESULT jobs QUERY NUMBER_OF_LOGICAL_CORES)
run("build" ${CMAKE_COMMAND} --build "${BINARY_DIR}" --config "${BUILD_TYPE}" --parallel ${jobs})

find_program(consumer newsdoc_consumer PATHS "${BINARY_DIR}" "${BINARY_DIR}/${BUILD_TYPE}" NO_DEFAULT_PATH NO_CACHE)
if(NOT consumer)
  message(FATAL_ERROR "newsdoc_consumer was not built in ${BINARY_DIR}")
endif()

execute_process(COMMAND "${consumer}" "${INPUT}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "newsdoc_consumer ${INPUT}:\n${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "newsdoc_consumer failed on ${INPUT} (${rc})")
endif()
if(NOT out MATCHES "paragraphs: [1-9]")
  message(FATAL_ERROR "newsdoc_consumer printed no paragraph count")
endif()
if(NOT out MATCHES "\napi: ok\n")
  message(FATAL_ERROR "newsdoc_consumer did not get through the public API")
endif()

execute_process(COMMAND "${consumer}" "${EMPTY_INPUT}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "newsdoc_consumer returned 0 on ${EMPTY_INPUT}, which holds no article")
endif()

# The default models, with no set-up (NEWSDOC_MODELS unset).
unset(ENV{NEWSDOC_MODELS})
set(models_program "${consumer}")
if(PREFIX)
  file(COPY "${consumer}" DESTINATION "${PREFIX}/bin")
  get_filename_component(name "${consumer}" NAME)
  set(models_program "${PREFIX}/bin/${name}")
endif()
execute_process(COMMAND "${models_program}" --default-models "${INPUT}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "${models_program} --default-models ${INPUT}:\n${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "newsdoc_consumer could not load the default models (${rc})")
endif()
if(NOT out MATCHES "entities with models: [1-9]")
  message(FATAL_ERROR "newsdoc_consumer found no entity with the default models")
endif()
if(PREFIX)
  get_filename_component(installed_models "${PREFIX}/share/newsdoc/models" REALPATH)
  string(FIND "${out}" "models: ${installed_models}\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the installed consumer did not take its models from ${installed_models}")
  endif()
endif()
