# Toolchain for the freestanding AArch64 images: the conformance guest and the
# reference hypervisor.  They run without an operating system, so nothing from
# a C library is linked; the code generation flags that every image needs
# live on the hvabi_aarch64_image_flags target in lib/runtime, not here.

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(HVABI_CROSS_PREFIX "aarch64-linux-gnu-" CACHE STRING
    "Prefix of the AArch64 GNU toolchain (Debian's gcc-aarch64-linux-gnu)")

set(CMAKE_C_COMPILER   ${HVABI_CROSS_PREFIX}gcc)
set(CMAKE_ASM_COMPILER ${HVABI_CROSS_PREFIX}gcc)
set(CMAKE_OBJCOPY      ${HVABI_CROSS_PREFIX}objcopy CACHE FILEPATH "objcopy")
set(CMAKE_READELF      ${HVABI_CROSS_PREFIX}readelf CACHE FILEPATH "readelf")

# There is no C library to link a test program against while CMake probes the
# compiler: build a static library instead.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
