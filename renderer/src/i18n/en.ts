import type { Messages } from './zh-Hans';

export const en: Messages = {
  app: {
    title: 'Government Services Kiosk',
  },
  attract: {
    placeCard: 'Place your ID card on the reader',
    placeCardHint: 'Lay your ID card flat on the reader below',
    apply: 'Apply for a service',
    checkIn: 'Appointment check-in',
    progress: 'Check progress',
    rate: 'Rate our service',
    elderly: 'Large text mode',
    needCardFirst: 'Please place your ID card on the reader first',
  },
  identify: {
    reading: 'Reading your ID card…',
    greeting: 'Hello, {{name}}',
    sessionStarted: 'We have identified you. Choose what you want to do.',
    cardError: 'The card could not be read. Please place your ID card on the reader again.',
    expired: 'Your ID card has expired. Please ask at window 1.',
    readerMissing: 'The card reader is not connected. Please ask a member of staff.',
  },
  actions: {
    back: 'Back',
    home: 'Home',
    next: 'Next',
    finish: 'Finish',
    continue: 'Continue',
    retry: 'Try again',
  },
  session: {
    returningHome: 'Returning to the start screen',
    secondsLeft: 'Returning to the start screen in {{count}} s',
    ended: 'You have signed out. Your details have been cleared.',
  },
  demo: {
    panel: 'Demo operator panel',
    place: 'Place',
    remove: 'Remove the card',
  },
  errors: {
    hostUnavailable: 'The kiosk is unavailable at the moment. Please ask at the help desk.',
  },
};
