// newsdoc._core.train_models: newsdoc::model::train_models with the GIL
// released; newsdoc.train (python/newsdoc/_train.py) is the public API.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <newsdoc/model.hpp>

namespace py = pybind11;
using namespace py::literals;

namespace {

py::dict report_to_py(const newsdoc::model::TrainReport& report) {
  py::list trained;
  for (const auto& t : report.trained)
    trained.append(py::dict("component"_a = t.component, "path"_a = t.path, "documents"_a = t.documents,
                            "sentences"_a = t.sentences, "tokens"_a = t.tokens, "seconds"_a = t.seconds));
  return py::dict("trained"_a = trained, "skipped"_a = report.skipped, "pos_model"_a = report.pos_model,
                  "documents"_a = report.documents, "dev"_a = report.dev);
}

}  // namespace

void bind_train(py::module_& m) {
  m.def(
      "train_models",
      [](std::vector<std::string> inputs, std::string out, std::vector<std::string> components, int epochs,
         std::uint64_t seed, std::size_t limit, std::vector<std::string> dev, std::string pos_model,
         py::object progress) {
        newsdoc::model::TrainConfig config;
        config.inputs = std::move(inputs);
        config.out = std::move(out);
        config.components = std::move(components);
        config.epochs = epochs;
        config.seed = seed;
        config.limit = limit;
        config.dev = std::move(dev);
        config.pos_model = std::move(pos_model);
        if (!progress.is_none())
          config.progress = [progress](const std::string& line) {
            py::gil_scoped_acquire gil;
            progress(line);
          };
        newsdoc::model::TrainReport report;
        {
          py::gil_scoped_release release;
          report = newsdoc::model::train_models(config);
        }
        return report_to_py(report);
      },
      "inputs"_a, "out"_a, "components"_a, "epochs"_a, "seed"_a, "limit"_a, "dev"_a, "pos_model"_a, "progress"_a);
  m.def(
      "evaluate_models",
      [](const std::string& directory, const std::vector<std::string>& dev, std::size_t limit) {
        py::gil_scoped_release release;
        return newsdoc::model::evaluate_models(directory, dev, limit);
      },
      "directory"_a, "dev"_a, "limit"_a = 0);
}
