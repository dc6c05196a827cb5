// newsdoc: a document model for news articles. Include this one header: it
// includes the whole public API (tests/consumer builds against it alone).
#pragma once

#include "newsdoc/annotate.hpp"
#include "newsdoc/article.hpp"
#include "newsdoc/binary.hpp"
#include "newsdoc/date.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/input.hpp"
#include "newsdoc/json.hpp"
#include "newsdoc/model.hpp"
#include "newsdoc/query.hpp"
#include "newsdoc/table.hpp"
#include "newsdoc/text.hpp"
#include "newsdoc/transform.hpp"
#include "newsdoc/utf8.hpp"
#include "newsdoc/version.hpp"
