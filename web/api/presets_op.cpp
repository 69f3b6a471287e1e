// presets: every embedded machine with its description and its whole configuration (as
// `pipesim configs --json` shows it), for the page's machine menu and editor.
#include "sim/config/config_load.hpp"
#include "web/api/ops.hpp"

namespace pipesim::web {

Json presets_op(const Json&) {
  Json presets = Json::array();
  for (const PresetInfo& p : list_presets())
    presets.push_back({{"name", p.name},
                       {"description", p.description},
                       {"config", config_to_json(load_config(p.name))}});
  return {{"presets", presets}};
}

}  // namespace pipesim::web
