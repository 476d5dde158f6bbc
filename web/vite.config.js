import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// The C++ server serves dist/ with an SPA fallback; in development `npm run dev` proxies /api to
// SHANHAI_API (default http://127.0.0.1:8080, where `shanhai serve` listens).
export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components and their CSS are imported on demand from templates.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
  ],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  server: {
    proxy: { '/api': { target: process.env.SHANHAI_API || 'http://127.0.0.1:8080' } },
  },
  build: {
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
          if (id.includes('node_modules/markdown-it') || id.includes('node_modules/mdurl') ||
              id.includes('node_modules/linkify-it') || id.includes('node_modules/entities') ||
              id.includes('node_modules/uc.micro') || id.includes('node_modules/punycode')) return 'markdown'
        },
      },
    },
  },
  test: { include: ['src/**/*.test.js'], environment: 'node' },
})
