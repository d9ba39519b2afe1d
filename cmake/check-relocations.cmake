# Fails when IMAGE has a dynamic relocation other than R_AARCH64_RELATIVE.
execute_process(COMMAND ${READELF} --relocs --wide ${IMAGE}
                OUTPUT_VARIABLE relocs RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${READELF} failed on ${IMAGE}")
endif()
string(REGEX MATCHALL "R_AARCH64_[A-Z0-9_]+" types "${relocs}")
list(REMOVE_DUPLICATES types)
list(REMOVE_ITEM types R_AARCH64_RELATIVE)
if(types)
    message(FATAL_ERROR "${IMAGE} needs relocations the start code cannot apply: ${types}")
endif()
