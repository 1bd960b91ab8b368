"""The user's keymap file."""

from tui.app.keymap import user_keymap


def test_keymap_file_maps_binding_ids_to_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert user_keymap() == {}
    (tmp_path / "chronik").mkdir()
    (tmp_path / "chronik" / "keymap.toml").write_text('[keymap]\n"app.timeline" = "T"\n"bad" = 3\n')
    assert user_keymap() == {"app.timeline": "T"}
    (tmp_path / "chronik" / "keymap.toml").write_text("[keymap\nbroken")
    assert user_keymap() == {}
