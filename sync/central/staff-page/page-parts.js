// Small pieces the desk and supervisor pages share (ES module; strict CSP, so no inline script).

// The kiosk sends reason keys (renderer badRating.reasons / rating.reasons); shown here in words.
const reasonWords = {
  waiting: '等候时间长',
  attitude: '服务态度差',
  notToldOnce: '没有一次告知清楚',
  repeatVisits: '多次跑腿',
  overdue: '超过承诺时限',
  systemDown: '系统或设备故障',
  other: '其他问题',
  slow: '等候太久',
  unclear: '说明不清',
  repeat: '材料重复提交',
};
export const reasonText = (key) => reasonWords[key] ?? key;

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

export const zh = (label) => label?.['zh-Hans'] ?? label?.['zh-CN'] ?? Object.values(label ?? {})[0] ?? '';
