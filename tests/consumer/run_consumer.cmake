# Configures, builds and runs one consumer project (ctest runs this with -P).
#
# Variables: SOURCE_DIR, BINARY_DIR, GENERATOR, CXX_COMPILER, BUILD_TYPE,
# PREFIX (the newsdoc install prefix, for find_package) or NEWSDOC_SOURCE_DIR
# (the newsdoc source tree, for add_subdirectory), simdjson_DIR and fmt_DIR
# (forwarded when set), INPUT (a JSON file holding an article) and
# EMPTY_INPUT (one holding none).
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

execute_process(COMMAND "${consumer}" "${EMPTY_INPUT}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "newsdoc_consumer returned 0 on ${EMPTY_INPUT}, which holds no article")
endif()
