// newsdoc: a document model for news articles. Include this one header.
#pragma once

#include "newsdoc/annotate.hpp"
#include "newsdoc/article.hpp"
#include "newsdoc/date.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/input.hpp"
#include "newsdoc/json.hpp"
#include "newsdoc/query.hpp"
#include "newsdoc/text.hpp"
#include "newsdoc/utf8.hpp"
#include "newsdoc/version.hpp"
