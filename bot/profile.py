"""What a person sees of the bot before pressing Start: its description and short description
(Telegram's limits: 512 and 120 characters)."""

DESCRIPTION = (
    "Knee Coach helps runners with the most common complaint in club chats: pain on the inner "
    "side of the knee. A short check with buttons says how urgently to get it seen (it never "
    "diagnoses), and a sourced library shows every stretch, warm-up move and exercise as a short "
    "animation. Reminders follow your run plan; in a club's group chat it posts the warm-up "
    "before club runs. General information, not medical advice."
)
SHORT_DESCRIPTION = "Inner knee pain? A quick check, animated stretches and warm-up reminders."
