#include "newsdoc/error.hpp"

#include <fmt/format.h>

namespace newsdoc {
namespace {

std::string prefix(const Location& where) {
  if (where.line == 0) return where.path.empty() ? std::string() : where.path + ": ";
  if (where.column == 0) return fmt::format("{}:{}: ", where.path, where.line);
  return fmt::format("{}:{}:{}: ", where.path, where.line, where.column);
}

}  // namespace

ParseError::ParseError(Location where, const std::string& what)
    : StandardError(prefix(where) + what), where_(std::move(where)), reason_(what) {}

SchemaError::SchemaError(Location where, std::string pointer, const std::string& what)
    : StandardError(prefix(where) + (pointer.empty() ? what : pointer + ": " + what)),
      where_(std::move(where)),
      pointer_(std::move(pointer)),
      reason_(what) {}

SchemaError::SchemaError(std::string pointer, const std::string& what)
    : SchemaError(Location{}, std::move(pointer), what) {}

IoError::IoError(std::string path, const std::string& what)
    : StandardError(path + ": " + what), path_(std::move(path)), reason_(what) {}

ModelError::ModelError(std::string path, const std::string& what)
    : StandardError(path.empty() ? what : path + ": " + what), path_(std::move(path)) {}

EntityNotFound::EntityNotFound(std::string key, const std::string& what)
    : StandardError(what), key_(std::move(key)) {}

}  // namespace newsdoc
