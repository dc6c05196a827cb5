"""Builds newsdoc._core with the project's CMake (the one build definition)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class CMakeExtension(Extension):
    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        import pybind11

        extdir = Path(self.get_ext_fullpath(ext.name)).parent.resolve()
        build_dir = Path(self.build_temp).resolve() / "cmake"
        build_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["cmake", "-S", str(ROOT), "-B", str(build_dir),
             "-DCMAKE_BUILD_TYPE=Release",
             "-DNEWSDOC_BUILD_PYTHON=ON", "-DNEWSDOC_BUILD_TESTS=OFF",
             f"-DPython_EXECUTABLE={sys.executable}",
             f"-Dpybind11_DIR={pybind11.get_cmake_dir()}",
             f"-DCMAKE_LIBRARY_OUTPUT_DIRECTORY={extdir}"],
            check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 1))
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "_core", "-j", jobs], check=True)


class BuildPyWithModels(build_py):
    """Puts the shipped models (models/*.ndm) in the package as newsdoc/models, beside _core: the
    installed package finds them there (newsdoc::default_models_directory), with no source tree."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "newsdoc" / "models"
        target.mkdir(parents=True, exist_ok=True)
        for model in sorted((ROOT / "models").glob("*.ndm")):
            shutil.copyfile(model, target / model.name)


setup(ext_modules=[CMakeExtension("newsdoc._core")],
      cmdclass={"build_ext": CMakeBuild, "build_py": BuildPyWithModels})
