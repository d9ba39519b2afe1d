"""The compilers, targets and language standards the headers are checked with.

Every header must compile with each of them, freestanding, with all
warnings as errors.  A header under hvabi/arch/<arch>/ is compiled only
for that architecture.
"""

import concurrent.futures
import os
import subprocess

# name, C compiler, C++ compiler, architecture
COMPILERS = [
    ("gcc-x86_64", ["gcc"], ["g++"], "x86_64"),
    ("gcc-aarch64", ["aarch64-linux-gnu-gcc"], ["aarch64-linux-gnu-g++"], "aarch64"),
    ("clang-x86_64", ["clang", "--target=x86_64-linux-gnu"],
     ["clang++", "--target=x86_64-linux-gnu"], "x86_64"),
    ("clang-aarch64", ["clang", "--target=aarch64-linux-gnu"],
     ["clang++", "--target=aarch64-linux-gnu"], "aarch64"),
]

# -std value, language
STANDARDS = [("c99", "c"), ("c11", "c"), ("c++11", "c++"), ("c++17", "c++")]

FLAGS = ["-Wall", "-Wextra", "-Werror", "-pedantic", "-ffreestanding"]


class Configuration:
    def __init__(self, compiler, standard):
        self.name, self.c, self.cxx, self.arch = compiler
        self.standard, self.language = standard

    @property
    def label(self):
        return f"{self.name} -std={self.standard}"

    def command(self, source, include_dirs, extra=()):
        compiler = self.cxx if self.language == "c++" else self.c
        includes = [f"-I{d}" for d in include_dirs]
        return (compiler + ["-x", self.language, f"-std={self.standard}"] + FLAGS +
                includes + list(extra) + ["-c", source, "-o", os.devnull])


def configurations():
    return [Configuration(c, s) for c in COMPILERS for s in STANDARDS]


def compile_all(jobs):
    """Runs (key, argv) jobs in parallel; returns {key: (returncode, output)}."""
    def run(job):
        key, argv = job
        try:
            done = subprocess.run(argv, capture_output=True, text=True, check=False)
            return key, (done.returncode, done.stdout + done.stderr)
        except FileNotFoundError as error:
            return key, (127, f"{argv[0]}: not found ({error})")

    workers = max(2, os.cpu_count() or 2)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(pool.map(run, jobs))
