#!/usr/bin/env bash
# Builds the Teams app package (zip) to upload in Teams or the Teams admin centre.
#
#   tools/package-teams-app.sh [options] <botAppId> [output.zip]
#
#   <botAppId>        the bot's Microsoft Entra application (client) id, a GUID: fills {{BOT_ID}}
#   [output.zip]      default: dist/noncoopbot-teams-app.zip (relative to the repository root)
#   --app-id GUID     the Teams app id ({{APP_ID}}); default: the bot id
#   --domain HOST     the bot's host name for validDomains ({{BOT_DOMAIN}}), e.g. noncoopbot.example.org;
#                     default: no validDomains entry (a bot-only app needs none)
#   --version X.Y.Z   overrides the manifest's "version" (raise it on every re-upload)
#
# The zip holds exactly manifest.json, color.png, outline.png and the localization files the manifest names
# (localizationInfo: fr.json, es.json) at its root. When tools/js/node_modules
# exists, the filled manifest is validated against its Teams schema first (npm ci --prefix tools/js).
# Needs python3 (standard library only). The zip is reproducible: same inputs, same bytes.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
guid_re='^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$'

usage() {
  sed -n '4,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
die() { echo "package-teams-app: $*" >&2; exit 2; }

app_id="" domain="" version=""
positional=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --app-id) [[ $# -ge 2 ]] || die "--app-id needs a GUID"; app_id="$2"; shift 2 ;;
    --domain) [[ $# -ge 2 ]] || die "--domain needs a host name"; domain="$2"; shift 2 ;;
    --version) [[ $# -ge 2 ]] || die "--version needs X.Y.Z"; version="$2"; shift 2 ;;
    -h|--help) usage ;;
    --) shift; positional+=("$@"); break ;;
    -*) die "unknown option $1" ;;
    *) positional+=("$1"); shift ;;
  esac
done
[[ ${#positional[@]} -ge 1 && ${#positional[@]} -le 2 ]] || usage

bot_id="${positional[0]}"
out="${positional[1]:-$repo_root/dist/noncoopbot-teams-app.zip}"
[[ -n "$app_id" ]] || app_id="$bot_id"

[[ "$bot_id" =~ $guid_re ]] || die "bot app id '$bot_id' is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx: the bot's Microsoft Entra application (client) id)"
[[ "$app_id" =~ $guid_re ]] || die "Teams app id '$app_id' is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"
if [[ -n "$domain" && ! "$domain" =~ ^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$ ]]; then
  die "domain '$domain' is not a host name (no scheme, no path), e.g. noncoopbot.example.org"
fi
if [[ -n "$version" && ! "$version" =~ ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$ ]]; then
  die "version '$version' is not X.Y.Z"
fi
command -v python3 >/dev/null || die "python3 is required"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$repo_root/manifest" "$work/manifest.json" "$bot_id" "$app_id" "$domain" "$version" <<'PY'
import json, re, sys
src_dir, dest, bot_id, app_id, domain, version = sys.argv[1:7]
text = open(f"{src_dir}/manifest.json", encoding="utf-8").read()
text = text.replace("{{BOT_ID}}", bot_id.lower()).replace("{{APP_ID}}", app_id.lower())
manifest = json.loads(text)
domains = manifest.get("validDomains", [])
domains = [domain if d == "{{BOT_DOMAIN}}" else d for d in domains if d != "{{BOT_DOMAIN}}" or domain]
if domains:
    manifest["validDomains"] = domains
else:
    manifest.pop("validDomains", None)
if version:
    manifest["version"] = version
out = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
left = sorted(set(re.findall(r"\{\{[^}]*\}\}", out)))
if left:
    sys.exit(f"package-teams-app: placeholders left in manifest.json: {', '.join(left)}")
open(dest, "w", encoding="utf-8").write(out)
PY

# The localization files the manifest names travel beside it (the validation below reads them there).
mapfile -t languages < <(python3 -c 'import json,sys; [print(l["file"]) for l in json.load(open(sys.argv[1])).get("localizationInfo",{}).get("additionalLanguages",[])]' "$work/manifest.json")
for language in "${languages[@]}"; do
  [[ "$language" =~ ^[A-Za-z0-9_-]+\.json$ ]] || die "localization file name not allowed: $language"
  cp "$repo_root/manifest/$language" "$work/$language"
done

if [[ -d "$repo_root/tools/js/node_modules/ajv-draft-04" ]] && command -v node >/dev/null; then
  node "$repo_root/tools/js/validate-manifest.mjs" --packaged "$work/manifest.json" >&2 \
    || die "the filled manifest does not validate (see above)"
else
  echo "package-teams-app: note: schema validation skipped (run: npm ci --prefix tools/js)" >&2
fi

mkdir -p "$(dirname "$out")"
python3 - "$out" "$work/manifest.json" "$repo_root/manifest/color.png" "$repo_root/manifest/outline.png" "${languages[@]/#/$work/}" <<'PY'
import os, sys, zipfile
out, *files = sys.argv[1:]
tmp = out + ".tmp"
with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
    for path in files:
        info = zipfile.ZipInfo(os.path.basename(path), date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(path, "rb") as f:
            z.writestr(info, f.read())
os.replace(tmp, out)
PY

echo "package-teams-app: wrote $out (bot id $bot_id, app id $app_id)" >&2
echo "$out"
