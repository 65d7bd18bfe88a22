// Umbrella header for the C++ API.
#pragma once
#include "kadedb/data_chunk.hpp"
#include "kadedb/database.hpp"
#include "kadedb/status.hpp"
#include "kadedb/types.hpp"
#include "kadedb/value.hpp"
