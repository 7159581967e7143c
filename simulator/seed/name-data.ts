/** Realistic Japanese names and places for the seed: [kanji, katakana reading, romaji]. */

export type NameEntry = readonly [string, string, string];

export const SURNAMES: readonly NameEntry[] = [
  ['佐藤', 'サトウ', 'sato'], ['鈴木', 'スズキ', 'suzuki'], ['高橋', 'タカハシ', 'takahashi'],
  ['田中', 'タナカ', 'tanaka'], ['伊藤', 'イトウ', 'ito'], ['渡辺', 'ワタナベ', 'watanabe'],
  ['山本', 'ヤマモト', 'yamamoto'], ['中村', 'ナカムラ', 'nakamura'], ['小林', 'コバヤシ', 'kobayashi'],
  ['加藤', 'カトウ', 'kato'], ['吉田', 'ヨシダ', 'yoshida'], ['山田', 'ヤマダ', 'yamada'],
  ['佐々木', 'ササキ', 'sasaki'], ['山口', 'ヤマグチ', 'yamaguchi'], ['松本', 'マツモト', 'matsumoto'],
  ['井上', 'イノウエ', 'inoue'], ['木村', 'キムラ', 'kimura'], ['林', 'ハヤシ', 'hayashi'],
  ['斎藤', 'サイトウ', 'saito'], ['清水', 'シミズ', 'shimizu'], ['山崎', 'ヤマザキ', 'yamazaki'],
  ['森', 'モリ', 'mori'], ['池田', 'イケダ', 'ikeda'], ['橋本', 'ハシモト', 'hashimoto'],
  ['阿部', 'アベ', 'abe'], ['石川', 'イシカワ', 'ishikawa'], ['山下', 'ヤマシタ', 'yamashita'],
  ['中島', 'ナカジマ', 'nakajima'], ['石井', 'イシイ', 'ishii'], ['小川', 'オガワ', 'ogawa'],
  ['前田', 'マエダ', 'maeda'], ['岡田', 'オカダ', 'okada'], ['長谷川', 'ハセガワ', 'hasegawa'],
  ['藤田', 'フジタ', 'fujita'], ['後藤', 'ゴトウ', 'goto'], ['近藤', 'コンドウ', 'kondo'],
  ['村上', 'ムラカミ', 'murakami'], ['遠藤', 'エンドウ', 'endo'], ['青木', 'アオキ', 'aoki'],
  ['坂本', 'サカモト', 'sakamoto'], ['藤井', 'フジイ', 'fujii'], ['西村', 'ニシムラ', 'nishimura'],
];

export const MALE_GIVEN: readonly NameEntry[] = [
  ['太郎', 'タロウ', 'taro'], ['翔太', 'ショウタ', 'shota'], ['大輔', 'ダイスケ', 'daisuke'],
  ['健太', 'ケンタ', 'kenta'], ['拓也', 'タクヤ', 'takuya'], ['直樹', 'ナオキ', 'naoki'],
  ['蓮', 'レン', 'ren'], ['悠真', 'ユウマ', 'yuma'], ['陽翔', 'ハルト', 'haruto'],
  ['誠', 'マコト', 'makoto'], ['浩二', 'コウジ', 'koji'], ['隆', 'タカシ', 'takashi'],
  ['和也', 'カズヤ', 'kazuya'], ['亮', 'リョウ', 'ryo'], ['修', 'オサム', 'osamu'],
  ['健一', 'ケンイチ', 'kenichi'], ['雄大', 'ユウダイ', 'yudai'], ['俊介', 'シュンスケ', 'shunsuke'],
];

export const FEMALE_GIVEN: readonly NameEntry[] = [
  ['花子', 'ハナコ', 'hanako'], ['美咲', 'ミサキ', 'misaki'], ['陽菜', 'ヒナ', 'hina'],
  ['さくら', 'サクラ', 'sakura'], ['愛', 'アイ', 'ai'], ['結衣', 'ユイ', 'yui'],
  ['真由美', 'マユミ', 'mayumi'], ['恵子', 'ケイコ', 'keiko'], ['由美', 'ユミ', 'yumi'],
  ['彩', 'アヤ', 'aya'], ['麻衣', 'マイ', 'mai'], ['千尋', 'チヒロ', 'chihiro'],
  ['優子', 'ユウコ', 'yuko'], ['奈々', 'ナナ', 'nana'], ['葵', 'アオイ', 'aoi'],
  ['凛', 'リン', 'rin'], ['明美', 'アケミ', 'akemi'], ['智子', 'トモコ', 'tomoko'],
];

export interface Place {
  pref: string;
  city: string;
  zipPrefix: string;
  /** Reading of prefecture and city, for addresses' literal_yomi. */
  yomi: string;
  towns: readonly string[];
  station: string;
}

export const PLACES: readonly Place[] = [
  { pref: '東京都', city: '港区', zipPrefix: '106', yomi: 'トウキョウトミナトク', towns: ['六本木', '麻布十番', '赤坂'], station: '東京メトロ南北線 麻布十番駅' },
  { pref: '東京都', city: '世田谷区', zipPrefix: '154', yomi: 'トウキョウトセタガヤク', towns: ['三軒茶屋', '太子堂', '下馬'], station: '東急田園都市線 三軒茶屋駅' },
  { pref: '東京都', city: '杉並区', zipPrefix: '166', yomi: 'トウキョウトスギナミク', towns: ['高円寺南', '阿佐谷北', '荻窪'], station: 'JR中央線 高円寺駅' },
  { pref: '神奈川県', city: '横浜市港北区', zipPrefix: '222', yomi: 'カナガワケンヨコハマシコウホクク', towns: ['日吉', '綱島西', '大倉山'], station: '東急東横線 日吉駅' },
  { pref: '埼玉県', city: 'さいたま市浦和区', zipPrefix: '330', yomi: 'サイタマケンサイタマシウラワク', towns: ['高砂', '常盤', '岸町'], station: 'JR京浜東北線 浦和駅' },
  { pref: '千葉県', city: '船橋市', zipPrefix: '273', yomi: 'チバケンフナバシシ', towns: ['本町', '宮本', '湊町'], station: 'JR総武線 船橋駅' },
  { pref: '大阪府', city: '大阪市北区', zipPrefix: '530', yomi: 'オオサカフオオサカシキタク', towns: ['梅田', '天神橋', '中之島'], station: 'JR大阪環状線 大阪駅' },
  { pref: '愛知県', city: '名古屋市中区', zipPrefix: '460', yomi: 'アイチケンナゴヤシナカク', towns: ['栄', '錦', '大須'], station: '名古屋市営地下鉄東山線 栄駅' },
  { pref: '福岡県', city: '福岡市中央区', zipPrefix: '810', yomi: 'フクオカケンフクオカシチュウオウク', towns: ['天神', '大名', '薬院'], station: '福岡市地下鉄空港線 天神駅' },
  { pref: '北海道', city: '札幌市中央区', zipPrefix: '060', yomi: 'ホッカイドウサッポロシチュウオウク', towns: ['北一条西', '南三条西', '大通西'], station: '札幌市営地下鉄南北線 大通駅' },
];

export const BUILDINGS: readonly string[] = ['', '', 'グランドメゾン101', 'パークハイツ305', 'サンライズ202', 'コーポ緑が丘 1F'];

export const OCCUPATIONS: readonly string[] = ['営業', 'エンジニア', 'デザイナー', '経理', '人事', 'カスタマーサポート', '企画'];
