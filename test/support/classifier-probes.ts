// Probe tickets shared by more than one classifier spec (written for the tests, not corpus cases).
export const FIRST_ASKED_LEGACY =
  '2件あります。\n1. 技術者 2 名が Outlook 2010 のままで、MFA を有効にするとメールが使えなくなります。例外をお願いします。\n2. 複合機のスキャン用アカウントも MFA 非対応です。こちらも例外にできますか。';
export const FIRST_ASKED_TIME =
  '①お客様テナントに代理で入るエンジニア 5 名の MFA がまだ展開できていません。2 月いっぱい時間がほしいです。\n②コールセンターは私物スマホ持ち込み禁止なので Authenticator が使えません。こちらも例外にできますか。';
