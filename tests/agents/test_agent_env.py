"""The agent API (issue 15 item 7): a PettingZoo ParallelEnv and a Gymnasium Env that pass their
libraries' own checks, are deterministic given the seed, and show an agent only its own view."""

from __future__ import annotations

import hashlib
import warnings

import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env
from pettingzoo.test import parallel_api_test, parallel_seed_test

from wargame.agents import Codec, Reward, WargameEnv, WargameParallelEnv
from wargame.agents.reward import security
from wargame.engine import Order
from wargame.game import Game

SS, G = "security_seeker", "greedy"


def test_parallel_env_passes_pettingzoo_api_test() -> None:
    parallel_api_test(WargameParallelEnv("dyad-testbed"), num_cycles=60)
    parallel_api_test(WargameParallelEnv("korea-2022", agents=["ROK", "DPRK"]), num_cycles=60)


def test_parallel_env_passes_pettingzoo_seed_test() -> None:
    parallel_seed_test(lambda: WargameParallelEnv("dyad-testbed"), num_cycles=60)


def test_single_agent_env_passes_gymnasium_check_env() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no spec": the env is also made through gymnasium.make below
        check_env(WargameEnv("dyad-testbed", "BLUE"), skip_render_check=False)
        check_env(WargameEnv("korea-2022", "ROK"))


def test_gymnasium_make_builds_the_env() -> None:
    import gymnasium

    env = gymnasium.make("wargame/Wargame-v0", scenario="dyad-testbed", side="RED")
    obs, _ = env.reset(seed=3)
    assert (
        env.unwrapped.side == "RED" and obs["observation"].shape == env.observation_space["observation"].shape
    )


def _policy(obs: dict[str, np.ndarray]) -> int:
    """A deterministic function of the observation alone: the same observation, the same action."""
    legal = np.flatnonzero(obs["action_mask"])
    digest = hashlib.sha256(obs["observation"].tobytes()).digest()
    return int(legal[digest[0] % len(legal)])


def _episode(env: WargameEnv, seed: int) -> list[tuple[bytes, float, bool, bool]]:
    obs, _ = env.reset(seed=seed)
    out = []
    done = False
    while not done:
        obs, r, term, trunc, _ = env.step(_policy(obs))
        out.append((obs["observation"].tobytes(), r, term, trunc))
        done = term or trunc
    return out


def test_the_same_seed_gives_the_same_episode_and_its_record_replays() -> None:
    a, b = WargameEnv("dyad-testbed", "BLUE"), WargameEnv("dyad-testbed", "BLUE")
    assert _episode(a, 5) == _episode(b, 5)
    assert _episode(a, 5) != _episode(a, 6) or a.game.record.rounds != b.game.record.rounds
    # the episode is a game like any other: its record replays to the same state
    record = a.game.record
    assert record.settings.humans == ["BLUE"]
    assert Game.from_record(record).state.to_json() == a.game.state.to_json()
    # reset() without a seed continues the generator seeded by the last reset(seed=...)
    a.reset(seed=9)
    b.reset(seed=9)
    a.reset()
    b.reset()
    assert a.game.seed == b.game.seed


def _compare_until_acts_differ(settings: dict, seeds: range) -> tuple[int, int]:
    """Blue's observations in two games alike but for Red's hidden type, step by step while Red's
    acts have been the same. Returns (observations compared, games whose acts came to differ)."""
    compared = diverged = 0
    for seed in seeds:
        envs = [
            WargameEnv("dyad-testbed", "BLUE", settings={**settings, "hidden_types": {"BLUE": SS, "RED": t}})
            for t in (SS, G)
        ]
        obs = [e.reset(seed=seed)[0] for e in envs]
        while True:
            assert all(np.array_equal(obs[0][k], obs[1][k]) for k in obs[0]), (seed, envs[0].game.round)
            compared += 1
            action = _policy(obs[0])
            steps = [e.step(action) for e in envs]
            obs = [s[0] for s in steps]
            acts = [[(x.maker, x.instrument, x.target) for x in e.game.results[-1].acts] for e in envs]
            if acts[0] != acts[1]:
                diverged += 1
                break
            if steps[0][2] or steps[0][3]:
                assert steps[1][2] == steps[0][2] and steps[1][3] == steps[0][3]
                assert all(np.array_equal(obs[0][k], obs[1][k]) for k in obs[0])
                break
    return compared, diverged


def test_no_leak_a_rivals_hidden_type_is_invisible_until_its_acts_differ() -> None:
    """Red played by the scenario's AI (its doctrine follows its type): Blue's observations are
    identical for as long as Red's acts have been identical, the only channel its type has; and
    the types do come to show in acts (the test is not vacuous)."""
    compared, diverged = _compare_until_acts_differ({}, range(25))
    assert compared >= 25 and diverged >= 5, (compared, diverged)


def test_no_leak_a_rival_playing_a_chosen_doctrine_never_shows_its_type() -> None:
    """Red's doctrine chosen (tit for tat, whatever its type): nothing of its type reaches Blue,
    over whole episodes."""
    compared, diverged = _compare_until_acts_differ({"doctrines": {"RED": "tit_for_tat"}}, range(20))
    assert diverged == 0 and compared >= 60, (compared, diverged)


def test_no_leak_when_every_act_is_the_same_the_rivals_type_never_shows() -> None:
    """Both sides agents, the same actions in two games that differ only in Red's type (and its
    AI-free play): Blue's observation never differs, over whole episodes; Red's own type is the
    only entry of Red's own observation that does."""
    for seed in range(5):
        envs = [
            WargameParallelEnv("dyad-testbed", settings={"hidden_types": {"BLUE": SS, "RED": t}})
            for t in (SS, G)
        ]
        obs = [e.reset(seed=seed)[0] for e in envs]
        codec = envs[0].codecs["RED"]
        own = codec.feature_names().index("own_greedy")
        while True:
            assert np.array_equal(obs[0]["BLUE"]["observation"], obs[1]["BLUE"]["observation"])
            diff = np.flatnonzero(obs[0]["RED"]["observation"] != obs[1]["RED"]["observation"])
            assert list(diff) == [own]
            actions = {a: _policy(obs[0][a]) for a in ("BLUE", "RED")}
            steps = [e.step(actions) for e in envs]
            obs = [s[0] for s in steps]
            if not envs[0].agents:
                assert not envs[1].agents
                break


def test_the_observation_is_built_from_the_view_alone() -> None:
    """The codec reads a View: changing what is not in the view (the state's other beliefs and
    types) cannot change the observation; changing the agent's own trust does."""
    game = Game.new("dyad-testbed", seed=2, humans=["BLUE"])
    for _ in range(3):
        game.play_round({"BLUE": Order("talk", "RED")})
    codec = Codec(game.rules, "BLUE")
    base = codec.observe(game.view("BLUE"), game.round_limit)
    st = game.state
    others = st.with_changes(
        types={"BLUE": st.types["BLUE"], "RED": G if st.types["RED"] == SS else SS},
        logodds={**st.logodds, ("RED", "BLUE"): -st.logodds[("RED", "BLUE")] + 1.0},
        memory={"RED": {"secret": 1}},
    )
    from wargame.engine import view

    assert np.array_equal(codec.observe(view(game.rules, others, "BLUE"), game.round_limit), base)
    mine = st.with_changes(logodds={**st.logodds, ("BLUE", "RED"): st.logodds[("BLUE", "RED")] + 1.0})
    assert not np.array_equal(codec.observe(view(game.rules, mine, "BLUE"), game.round_limit), base)
    names = codec.feature_names()
    assert len(names) == codec.n_features == base.shape[0]
    assert base[names.index("RED.trust")] == pytest.approx(st.trust("BLUE", "RED"))


def test_actions_are_instrument_times_target_with_a_mask() -> None:
    env = WargameParallelEnv("korea-2022", agents=["ROK"])
    codec = env.codecs["ROK"]
    assert codec.n_actions == len(codec.instruments) * len(codec.others)
    rules = env.scenario.rules
    for a in range(codec.n_actions):
        order = codec.order(a)
        legal = codec.legal(a)
        assert legal == (
            rules.usable("ROK", order.instrument)
            and (order.target is not None) == rules.instruments[order.instrument].targeted
            and (order.target is not None or a % len(codec.others) == 0)
        ), (a, order)
        if legal:
            assert codec.action(order) == a
    assert 0 < codec.action_mask.sum() < codec.n_actions
    obs, _ = env.reset(seed=1)
    assert np.array_equal(obs["ROK"]["action_mask"], codec.action_mask)


def test_a_masked_action_is_a_hold_and_costs_the_illegal_penalty() -> None:
    env = WargameParallelEnv("korea-2022", agents=["ROK"], reward=Reward(illegal=0.5))
    codec = env.codecs["ROK"]
    masked = int(np.flatnonzero(codec.action_mask == 0)[0])
    hold = codec.action(Order("hold", None))
    env.reset(seed=4)
    _, r_bad, _, _, info = env.step({"ROK": masked})
    assert info["ROK"]["illegal"] and env.game.record.rounds[0].orders["ROK"].instrument == "hold"
    env.reset(seed=4)
    _, r_hold, _, _, info = env.step({"ROK": hold})
    assert not info["ROK"]["illegal"]
    assert r_bad["ROK"] == pytest.approx(r_hold["ROK"] - 0.5)


def test_the_reward_is_the_documented_formula_and_configurable() -> None:
    env = WargameParallelEnv("dyad-testbed", agents=["BLUE"], settings={"doctrines": {"RED": "hawk"}})
    env.reset(seed=0)
    total_war = 0
    while env.agents:
        _, r, term, _, _ = env.step({"BLUE": env.codecs["BLUE"].action(Order("limited_strike", "RED"))})
        game = env.game
        st = game.state
        war = 10.0 if (term["BLUE"] and st.outcome.is_war) else 0.0
        total_war += war > 0
        expected = security(game, "BLUE") - st.tension / 100.0 - war
        assert r["BLUE"] == pytest.approx(expected)
        assert 0.0 <= security(game, "BLUE") <= 1.0
    assert total_war == 1, "strikes answered by a hawk end in war, penalised once"

    calls = []

    def custom(game: Game, actor: str, illegal: bool) -> float:
        calls.append((game.round, actor, illegal))
        return 1.0

    env = WargameParallelEnv("dyad-testbed", agents=["BLUE"], reward=custom)
    env.reset(seed=0)
    _, r, _, _, _ = env.step({"BLUE": 0})
    assert r == {"BLUE": 1.0} and calls == [(1, "BLUE", False)]


def test_peace_pays_the_bonus() -> None:
    """Costly reassurance by an agent against a security-seeking Red ends in peace, paid once."""
    env = WargameEnv("dyad-testbed", "BLUE", settings={"hidden_types": {"BLUE": SS, "RED": SS}})
    codec = env.parallel.codecs["BLUE"]
    plan = [Order("halt_exercises", "RED"), Order("sanctions_relief", "RED")]
    env.reset(seed=1)
    rewards = []
    k = 0
    while True:
        view = env.game.view("BLUE")
        order = Order("sign_treaty", "RED") if view.proposals_to_me else plan[k % 2]
        _, r, term, trunc, info = env.step(codec.action(order))
        rewards.append(r)
        k += 1
        if term or trunc:
            break
    assert term and info["outcome"].startswith("peace")
    assert rewards[-1] > 5.0 > max(rewards[:-1])


def test_unknown_agents_and_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown actor 'GREEN'"):
        WargameParallelEnv("dyad-testbed", agents=["GREEN"])
    with pytest.raises(ValueError):
        WargameParallelEnv("dyad-testbed", settings={"doctrines": {"RED": "wizard"}})
    env = WargameParallelEnv("dyad-testbed")
    with pytest.raises(RuntimeError):
        env.step({"BLUE": 0, "RED": 0})
    env.reset(seed=0)
    with pytest.raises(KeyError):
        env.step({"BLUE": 0})


def test_render_ansi_shows_the_round() -> None:
    env = WargameParallelEnv("dyad-testbed", render_mode="ansi")
    env.reset(seed=0)
    assert env.render() == f"round 0: tension {env.game.state.tension:.1f}"
    env.step({"BLUE": 0, "RED": 0})
    text = env.render()
    assert text.startswith("round 1: BLUE def_posture → RED; RED def_posture → BLUE; tension")
    with pytest.raises(NotImplementedError):
        env.state()


def test_settings_overrides_change_the_agents_world() -> None:
    """``settings["overrides"]`` (as ``--set``) set the episode's world; the codec reads its rules."""
    env = WargameParallelEnv("dyad-testbed", settings={"overrides": {"world.offense_advantage": 0.8}})
    env.reset(seed=0)
    assert env.game.rules.params.offense_advantage == 0.8
    assert env.codecs["BLUE"].rules is env.game.rules or env.codecs["BLUE"].rules == env.game.rules
    assert env.game.record.settings.overrides == {"world.offense_advantage": 0.8}


@pytest.mark.parametrize("action", [3.7, "2", True, np.float64(1.0), np.bool_(True), None])
def test_an_action_that_is_not_an_integer_is_refused(action: object) -> None:
    env = WargameEnv("dyad-testbed", "BLUE")
    env.reset(seed=0)
    with pytest.raises(ValueError, match="for agent 'BLUE': expected an integer action index"):
        env.step(action)  # type: ignore[arg-type]
    env.step(np.int64(0))  # numpy integers (action_space.sample()) are fine
    assert env.parallel.game is not None and env.parallel.game.state.round == 1


def test_an_action_for_an_ai_or_unknown_agent_is_refused() -> None:
    env = WargameParallelEnv("korea-2022", agents=["ROK", "DPRK"])
    env.reset(seed=0)
    with pytest.raises(KeyError, match="'USA', which is an AI actor or unknown"):
        env.step({"ROK": 0, "DPRK": 0, "USA": 0})
    with pytest.raises(KeyError, match="'XYZ', which is an AI actor or unknown"):
        env.step({"ROK": 0, "DPRK": 0, "XYZ": 0})
    env.step({"ROK": 0, "DPRK": 0})
