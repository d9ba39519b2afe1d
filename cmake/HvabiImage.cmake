# hvabi_add_image(<name> SOURCES <file>... LIBRARIES <target>...)
#
# Links a freestanding AArch64 image: <name>.elf for debugging and
# <name>.Image, the raw arm64 Image that loaders boot.  After linking, the
# build fails if the image has a dynamic relocation that runtime_relocate()
# does not apply (only R_AARCH64_RELATIVE is handled).

function(hvabi_add_image name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
    # The image header is linked as an object, not taken from the runtime
    # archive: it is what pulls the image's entry point in.
    add_executable(${name} ${ARG_SOURCES}
        ${PROJECT_SOURCE_DIR}/lib/runtime/aarch64/image_header.S)
    set_target_properties(${name} PROPERTIES SUFFIX ".elf")
    target_link_libraries(${name} PRIVATE ${ARG_LIBRARIES} hvabi_runtime hvabi_image_flags)
    add_custom_command(TARGET ${name} POST_BUILD
        COMMAND ${CMAKE_COMMAND}
            -DREADELF=${CMAKE_READELF}
            -DIMAGE=$<TARGET_FILE:${name}>
            -P ${PROJECT_SOURCE_DIR}/cmake/check-relocations.cmake
        COMMAND ${CMAKE_OBJCOPY} -O binary $<TARGET_FILE:${name}>
            ${CMAKE_CURRENT_BINARY_DIR}/${name}.Image
        BYPRODUCTS ${CMAKE_CURRENT_BINARY_DIR}/${name}.Image
        COMMENT "Checking relocations of ${name} and writing ${name}.Image"
        VERBATIM)
endfunction()
