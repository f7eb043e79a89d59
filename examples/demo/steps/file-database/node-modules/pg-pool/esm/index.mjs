// ESM wrapper for pg-pool
import Pool from '../index.js'

// Export as default only to match CJS module
export default Pool
