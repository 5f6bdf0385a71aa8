typedef int mb_replay_unit;
