import type { Messages } from './zh-Hans';

export const zhHant: Messages = {
  app: {
    title: '政務服務自助終端',
  },
  attract: {
    placeCard: '請放置身份證',
    placeCardHint: '將身份證平放在下方讀卡區',
    apply: '辦理業務',
    checkIn: '預約取號',
    progress: '進度查詢',
    rate: '服務評價',
    elderly: '長輩模式',
    needCardFirst: '請先放置身份證',
  },
  identify: {
    reading: '正在讀取身份證…',
    greeting: '您好，{{name}}',
    sessionStarted: '已識別您的身份，請選擇要辦理的業務',
    cardError: '身份證讀取失敗，請重新放置身份證',
    expired: '您的身份證已過期，請到 1 號窗口諮詢',
    readerMissing: '讀卡器未連接，請聯繫工作人員',
  },
  actions: {
    back: '返回',
    home: '首頁',
    next: '下一步',
    finish: '完成',
    continue: '繼續辦理',
    retry: '重試',
  },
  session: {
    returningHome: '即將返回首頁',
    secondsLeft: '{{count}} 秒後返回首頁',
    ended: '已退出，您的資訊已清除',
  },
  demo: {
    panel: '演示操作面板',
    place: '放置',
    remove: '取走身份證',
  },
  errors: {
    hostUnavailable: '系統暫時無法使用，請到諮詢台尋求幫助',
  },
};
