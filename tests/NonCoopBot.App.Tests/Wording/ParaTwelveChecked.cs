// Para 12 for every test of this assembly: a judging word the bot says at any test transport fails the test (see SentWording).
[assembly: NonCoopBot.Testing.ParaTwelveChecked]
