"""The user's keymap file: what applies, and each problem reported in one line."""

from tests.app.test_keys import run
from tui.app.keymap import binding_ids, read_keymap, unknown_ids, user_keymap


def _write(tmp_path, text: str):
    (tmp_path / "chronik").mkdir(exist_ok=True)
    path = tmp_path / "chronik" / "keymap.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_keymap_file_maps_binding_ids_to_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert read_keymap() == ({}, [])  # no file: no keymap and no complaint
    _write(tmp_path, '[keymap]\n"app.timeline" = "T"\n"bad" = 3\n')
    keys, problems = read_keymap()
    assert keys == {"app.timeline": "T"} == user_keymap()
    assert len(problems) == 1 and "'bad'" in problems[0] and "\n" not in problems[0]


def test_broken_toml_is_one_problem_and_the_default_keys_apply(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    _write(tmp_path, "[keymap\nbroken")
    keys, problems = read_keymap()
    assert keys == {} and len(problems) == 1 and "not valid TOML" in problems[0]
    _write(tmp_path, 'keymap = "T"\n')
    assert read_keymap()[0] == {} and "must be a table" in read_keymap()[1][0]


def test_a_misspelt_binding_id_is_named_with_the_nearest_real_one():
    known = binding_ids()
    assert {"app.quit", "app.timeline", "reader.next_entity", "fulltimeline.finer"} <= known
    problems = unknown_ids({"app.timelien": "T", "app.quit": "Q", "zzz": "z"}, known)
    assert problems == [
        "keymap: no binding has the id 'app.timelien'; did you mean 'app.timeline'?",
        "keymap: no binding has the id 'zzz'; it is ignored",
    ]


def test_the_app_reports_keymap_problems_at_start_and_applies_the_rest():
    async def go(pilot, app):
        messages = [str(n.message) for n in app._notifications]
        assert messages == [
            "keymap.toml: 'x' must be keys",
            "keymap: no binding has the id 'app.timelien'; did you mean 'app.timeline'?",
        ]
        await pilot.press("Q")
        assert not app.is_running

    run(go, keymap={"app.quit": "Q", "app.timelien": "T"}, keymap_problems=["keymap.toml: 'x' must be keys"])
