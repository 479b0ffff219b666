import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'

/**
 * Files are private: they are never served by Drive itself, only streamed back
 * through routes that check the user's rights (see #shared/uploads).
 */
const driveConfig = defineConfig({
  default: env.get('DRIVE_DISK') as 'fs',
  services: {
    fs: services.fs({
      location: app.makePath(app.inTest ? 'tmp/storage-test' : 'storage'),
      serveFiles: false,
      visibility: 'private',
    }),
    /**
     * Any S3-compatible store. Its SDK is only needed where it is used:
     * npm install @aws-sdk/client-s3 @aws-sdk/s3-request-presigner
     */
    ...(env.get('DRIVE_DISK') === 's3'
      ? {
          s3: services.s3({
            credentials: {
              accessKeyId: env.get('S3_ACCESS_KEY_ID', ''),
              secretAccessKey: env.get('S3_SECRET_ACCESS_KEY', ''),
            },
            region: env.get('S3_REGION', 'auto'),
            bucket: env.get('S3_BUCKET', ''),
            endpoint: env.get('S3_ENDPOINT'),
            visibility: 'private',
          }),
        }
      : {}),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
