/** Simplified Chinese: the reference language. Every other language has exactly these keys. */
export const zhHans = {
  app: {
    title: '政务服务自助终端',
  },
  attract: {
    placeCard: '请放置身份证',
    placeCardHint: '将身份证平放在下方读卡区',
    apply: '办理业务',
    checkIn: '预约取号',
    progress: '进度查询',
    rate: '服务评价 (好差评)',
    elderly: '长辈模式',
    needCardFirst: '请先放置身份证',
  },
  identify: {
    reading: '正在读取身份证…',
    greeting: '您好，{{name}}',
    sessionStarted: '已识别您的身份，请选择要办理的业务',
    cardError: '身份证读取失败，请重新放置身份证',
    expired: '您的身份证已过期，请到 1 号窗口咨询',
    readerMissing: '读卡器未连接，请联系工作人员',
  },
  actions: {
    back: '返回',
    home: '首页',
    next: '下一步',
    finish: '完成',
    continue: '继续办理',
    retry: '重试',
  },
  session: {
    returningHome: '即将返回首页',
    secondsLeft: '{{count}} 秒后返回首页',
    ended: '已退出，您的信息已清除',
  },
  demo: {
    panel: '演示操作面板',
    place: '放置',
    remove: '取走身份证',
  },
  errors: {
    hostUnavailable: '系统暂时无法使用，请到咨询台寻求帮助',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhHans>;
