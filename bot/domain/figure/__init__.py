"""A drawn human figure for the library's demonstrations: a skeleton with Winter's segment
proportions, poses as joint angles, keyframes eased between with holds, and the checks run when
the demonstrations' content loads. Pure: the renderer that draws it lives in bot.demos."""
