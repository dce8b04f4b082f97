// Formatting conventions of the app (numbers, money, dates). Layer: common (pure).
export * from './numbers'
export * from './money'
export * from './dates'
